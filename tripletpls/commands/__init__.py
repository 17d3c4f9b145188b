"""One module per CLI command (or family of commands); each defines ``command`` or ``commands``.

Keep module-level imports light (click, instances): import heavy engines inside the command body so
``tripletpls --help`` stays fast.
"""
