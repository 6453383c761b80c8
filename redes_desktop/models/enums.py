"""The vocabulary of the criteria as enumerations. Values are the Spanish words stored in the
database; `label` is how the command line and reports show them (the UI translates them too)."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())


class AreaKind(LabelledEnum):
    OFICINAS_CENTRALES = "oficinas_centrales"
    JUNTA_LOCAL = "junta_local"
    JUNTA_DISTRITAL = "junta_distrital"


class Level(LabelledEnum):
    """Levels of 5.1: the titular administrator must be mando medio or superior."""

    MANDO_SUPERIOR = "mando_superior"
    MANDO_MEDIO = "mando_medio"
    OPERATIVO = "operativo"


class Role(LabelledEnum):
    ADMIN_TITULAR = "administrador_titular"
    ADMIN_SUPLENTE = "administrador_suplente"
    TITULAR_AREA = "titular_area"
    REVISOR_CNCS = "revisor_cncs"
    CONSEJERO_ELECTORAL = "consejero_electoral"  # 4.v; only they publicise personal accounts


class Network(LabelledEnum):
    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    OTRA = "otra"


class AccountStatus(LabelledEnum):
    SOLICITADA = "solicitada"
    AUTORIZADA = "autorizada"
    RECHAZADA = "rechazada"
    ACTIVA = "activa"
    EN_BAJA = "en_baja"
    CANCELADA = "cancelada"


class AdminKind(LabelledEnum):
    TITULAR = "titular"
    SUPLENTE = "suplente"


class PostStatus(LabelledEnum):
    BORRADOR = "borrador"
    EN_CONSULTA = "en_consulta"
    APROBADA = "aprobada"
    RECHAZADA = "rechazada"
    PUBLICADA = "publicada"
    DESCARTADA = "descartada"


class ConsultationState(LabelledEnum):
    PENDIENTE = "pendiente"
    APROBADA = "aprobada"
    RECHAZADA = "rechazada"
    REQUIERE_CAMBIOS = "requiere_cambios"
    NO_PROCEDENTE = "no_procedente"


class AbsenceKind(LabelledEnum):
    VACACIONES = "vacaciones"
    ASUETO = "asueto"
    INCAPACIDAD = "incapacidad"
    COMISION = "comision"


class IncidentState(LabelledEnum):
    ABIERTO = "abierto"
    CERRADO = "cerrado"


_LABELS: dict[LabelledEnum, str] = {
    AreaKind.OFICINAS_CENTRALES: "Oficinas centrales",
    AreaKind.JUNTA_LOCAL: "Junta Local Ejecutiva",
    AreaKind.JUNTA_DISTRITAL: "Junta Distrital Ejecutiva",
    Level.MANDO_SUPERIOR: "Mando superior",
    Level.MANDO_MEDIO: "Mando medio",
    Level.OPERATIVO: "Operativo",
    Role.ADMIN_TITULAR: "Administrador titular",
    Role.ADMIN_SUPLENTE: "Administrador suplente",
    Role.TITULAR_AREA: "Titular de área",
    Role.REVISOR_CNCS: "Revisor CNCS",
    Role.CONSEJERO_ELECTORAL: "Consejera o Consejero Electoral",
    Network.X: "X",
    Network.FACEBOOK: "Facebook",
    Network.INSTAGRAM: "Instagram",
    Network.YOUTUBE: "YouTube",
    Network.TIKTOK: "TikTok",
    Network.OTRA: "Otra",
    AccountStatus.EN_BAJA: "En baja",
    PostStatus.BORRADOR: "Borrador",
    PostStatus.EN_CONSULTA: "En consulta",
    ConsultationState.REQUIERE_CAMBIOS: "Requiere cambios",
    ConsultationState.NO_PROCEDENTE: "No procedente — sin respuesta en 48 h",
    AbsenceKind.COMISION: "Comisión",
}
