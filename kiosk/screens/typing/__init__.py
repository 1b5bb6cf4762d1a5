"""The typing screen: a message typed with large keys by any input, then said aloud.

Plain Python but for `drawing.py`:

- `screen`: the screen as the core sees it (its keys, rules, layout, help sentence);
- `targets`: the keys as targets, their layout, and a physical keyboard's keys;
- `rules`: what each key does to the message or the page;
- `message`: the message being typed (the screen's slice of state) and the small text
  edits on it (add a letter, a word, delete a letter or a word, capitals at a
  sentence's start);
- `prediction`: the word model (English frequencies shipped as data, the fact sheets'
  words and the Talk phrases, a small bigram model) and its predictions;
- `keys`: the key plan: which keys each page shows, per gaze layout;
- `geometry`: where the keys go on the screen (no key smaller than the layout's
  targets);
- `words`: every sentence the screen shows or says; `drawing`: the message and keys.

The cost model that types through the real core is a measuring tool beside the
benchmarks (benchmarks/typing_cost.py).
"""
