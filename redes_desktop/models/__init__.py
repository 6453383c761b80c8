"""SQLAlchemy entities. Importing this package registers every table on `Base.metadata`."""

from redes_desktop.models.accounts import Account, AccountAdministrator
from redes_desktop.models.base import Base
from redes_desktop.models.bitacora_anchor import BitacoraAnchor  # noqa: F401
from redes_desktop.models.consultations import Consultation
from redes_desktop.models.council import AccountUserCount, CouncilSession
from redes_desktop.models.coverage import (
    AbsencePeriod,
    Evaluation,
    TrainingAttendance,
    TrainingSession,
)
from redes_desktop.models.enums import (
    AbsenceKind,
    AccountStatus,
    AdminKind,
    AreaKind,
    ConsultationState,
    IncidentState,
    Level,
    Network,
    PostStatus,
    Role,
)
from redes_desktop.models.inbox import (  # noqa: F401  (issue 17)
    DoubtGroup,
    InboxCursor,
    InboxItem,
    InboxTarget,
)
from redes_desktop.models.mail import OutgoingMail
from redes_desktop.models.notices import StoredNotification  # noqa: F401  (issue 15)
from redes_desktop.models.org import Area, Person
from redes_desktop.models.posts import Post, PostMedia
from redes_desktop.models.procedures import AccountRequest  # noqa: F401  (issue 8)
from redes_desktop.models.publishing import NetworkConnection, PublishJob  # noqa: F401  (issue 17)
from redes_desktop.models.security import Incident, PasswordRotation
from redes_desktop.models.sync_state import SyncChange  # noqa: F401  (issue 7)

__all__ = [
    "AbsenceKind",
    "AbsencePeriod",
    "Account",
    "AccountAdministrator",
    "AccountStatus",
    "AccountUserCount",
    "AdminKind",
    "Area",
    "AreaKind",
    "Base",
    "Consultation",
    "ConsultationState",
    "CouncilSession",
    "Evaluation",
    "Incident",
    "IncidentState",
    "Level",
    "Network",
    "OutgoingMail",
    "PasswordRotation",
    "Person",
    "Post",
    "PostMedia",
    "PostStatus",
    "Role",
    "StoredNotification",
    "TrainingAttendance",
    "TrainingSession",
]
