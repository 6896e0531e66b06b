from .calls import (
    ApplicationDecision,
    CallApplication,
    CallContact,
    CallCriterion,
    CallDocument,
    CallIndexPage,
    CallMode,
    CallNetworkIndexPage,
    CallPage,
    CallStatus,
    DocumentKind,
    StatutoryCriterion,
)
from .municipality import GminaType, MunicipalApprovalTask, Municipality
from .pages import ContactPage, GalleryPage, MunicipalityHomePage, SectionPage

__all__ = [
    "ApplicationDecision",
    "CallApplication",
    "CallContact",
    "CallCriterion",
    "CallDocument",
    "CallIndexPage",
    "CallMode",
    "CallNetworkIndexPage",
    "CallPage",
    "CallStatus",
    "ContactPage",
    "DocumentKind",
    "GalleryPage",
    "GminaType",
    "MunicipalApprovalTask",
    "Municipality",
    "MunicipalityHomePage",
    "SectionPage",
    "StatutoryCriterion",
]
