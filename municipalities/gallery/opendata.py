"""An initiative as an open-data record: the galleries' downloads and the open-data API give
the same fields (docs/open-data.md)."""

from portal.canonical import canonical_url

from .stages import InitiativeStage

INITIATIVE_COLUMNS = (
    "id",
    "page_id",
    "language",
    "title",
    "summary",
    "url",
    "municipality.slug",
    "municipality.name",
    "municipality.terc",
    "municipality.county",
    "stage.code",
    "stage.label",
    "year",
    "task_area.key",
    "task_area.name",
    "district",
    "address",
    "location.lat",
    "location.lon",
    "agreement_signed_on",
    "completed_on",
    "contributions.municipal",
    "contributions.residents",
    "contributions.social_work_value",
    "contributions.in_kind_value",
    "contributions.financial_value",
    "contributions.social_work_hours",
    "residents_involved",
    "call_page_id",
    "is_example",
)


def initiative_record(initiative, root_paths):
    """``initiative`` (its municipality and task area joined) as plain values, in the active
    language."""
    location = None
    if initiative.has_point:
        location = {"lat": initiative.latitude, "lon": initiative.longitude}
    area = initiative.task_area
    return {
        "id": str(initiative.translation_key),
        "page_id": initiative.pk,
        "language": initiative.locale.language_code,
        "title": initiative.title,
        "summary": initiative.summary,
        "url": canonical_url(initiative, root_paths),
        "municipality": initiative.municipality.open_data(),
        "stage": {
            "code": initiative.stage,
            "label": str(InitiativeStage(initiative.stage).label),
        },
        "year": initiative.year,
        "task_area": {"key": area.key, "name": area.name},
        "district": initiative.district,
        "address": initiative.address,
        "location": location,
        "agreement_signed_on": initiative.agreement_signed_on,
        "completed_on": initiative.completed_on,
        "contributions": {
            "municipal": initiative.municipal_contribution,
            "residents": initiative.residents_contribution,
            "social_work_value": initiative.social_work_value,
            "in_kind_value": initiative.in_kind_value,
            "financial_value": initiative.financial_value,
            "social_work_hours": initiative.social_work_hours,
        },
        "residents_involved": initiative.residents_involved,
        "call_page_id": initiative.call_id,
        "is_example": initiative.is_example,
    }
