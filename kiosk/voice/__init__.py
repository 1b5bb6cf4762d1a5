"""Voice control: microphone -> voice activity -> a recognizer restricted to what the
current screen offers -> actions on the app's queue.

Audio stays in memory; nothing that was said is stored or logged, only the action taken.
"""
