"""Switch access: one reliable movement (a key, a button, a long blink) drives everything.

`scanning` moves a highlight over the screen's targets and turns a press into an Action;
`long_blink` turns the camera's eyes-closed stream into switch presses. Both are pure:
time is passed in, nothing here touches pygame, threads or devices.
"""
