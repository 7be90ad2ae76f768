"""Segmentation backends that need optional, heavy dependencies (installed by an extra).

Each module here is imported only when its backend is chosen, so the default install
(jieba) never imports them.
"""
