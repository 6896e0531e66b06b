from .handbooks import (
    Audience,
    ChapterStatus,
    HandbookChapterPage,
    HandbookPage,
    HandbookVariantPage,
    VariantChapterState,
    chapter_status,
)
from .process import ModelProcessPage, ResolutionPage

__all__ = [
    "Audience",
    "ChapterStatus",
    "HandbookChapterPage",
    "HandbookPage",
    "HandbookVariantPage",
    "ModelProcessPage",
    "ResolutionPage",
    "VariantChapterState",
    "chapter_status",
]
