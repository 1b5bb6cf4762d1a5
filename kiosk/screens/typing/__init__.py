"""Typing a message: word prediction, the key plan, and the cost model.

Plain Python, no pygame, no devices:

- `words`: the word model (English frequencies shipped as data, the fact sheets' words
  and the Talk phrases, a small bigram model) and its predictions;
- `message`: the message being typed and the small text edits on it (add a letter, a
  word, delete a letter or a word, capitals at a sentence's start);
- `keys`: the key plan: which keys each page of the typing screen shows, per gaze layout;
- `geometry`: where the keys go on the screen (kiosk.layout's rules: no key smaller
  than the layout's targets);
- `cost`: the cost model (`python -m kiosk.typing --cost FILE ...`), which types each
  message through the real core, key by key.

The screen's state and handlers live in kiosk.core.typing_screen, its drawing in
kiosk.view.typing.
"""
