"""Drawing: themes, fonts and the renderer (pygame, main thread only)."""
