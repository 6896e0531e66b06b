"""The municipal app's models, whichever package defines them: the municipality and its
subsite's pages (here), calls for applications (``municipalities.calls``), the results
gallery (``municipalities.gallery``) and the network's figures (``municipalities.figures``)."""

from ..calls.models import (
    ApplicationDecision,
    CallAlertDelivery,
    CallAlertSubscription,
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
from ..figures.models import FiguresPage
from ..gallery.models import (
    GalleryNetworkIndexPage,
    GalleryPage,
    InitiativePage,
    InitiativePhoto,
    InitiativeStage,
    PhotoRole,
)
from .municipality import GminaType, MunicipalApprovalTask, Municipality, member_q
from .pages import ContactPage, ContactPerson, MunicipalityHomePage, SectionPage

__all__ = [
    "ApplicationDecision",
    "CallAlertDelivery",
    "CallAlertSubscription",
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
    "ContactPerson",
    "DocumentKind",
    "FiguresPage",
    "GalleryNetworkIndexPage",
    "GalleryPage",
    "GminaType",
    "InitiativePage",
    "InitiativePhoto",
    "InitiativeStage",
    "MunicipalApprovalTask",
    "Municipality",
    "member_q",
    "MunicipalityHomePage",
    "PhotoRole",
    "SectionPage",
    "StatutoryCriterion",
]
