"""A call as an open-data record: the downloads of the call lists and the open-data API
give the same fields (docs/open-data.md)."""

from portal.canonical import canonical_url

from .status import CallStatus

CALL_COLUMNS = (
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
    "status.code",
    "status.label",
    "mode",
    "year",
    "opens_on",
    "closes_on",
    "days_left",
    "results_published_on",
    "pool_total",
    "pool_investment",
    "pool_soft",
    "pool_remaining",
    "task_areas",
    "contribution_forms",
    "applications_received",
    "applications_accepted",
    "is_example",
)


def call_record(call, root_paths):
    """``call`` (with its status annotated, its municipality joined and its task areas
    prefetched) as plain values, in the active language."""
    status = call.status
    contribution_forms = [
        name
        for name, accepted in (
            ("social_work", call.accepts_social_work),
            ("in_kind", call.accepts_in_kind),
            ("financial", call.accepts_financial),
        )
        if accepted
    ]
    return {
        "id": str(call.translation_key),
        "page_id": call.pk,
        "language": call.locale.language_code,
        "title": call.title,
        "summary": call.summary,
        "url": canonical_url(call, root_paths),
        "municipality": call.municipality.open_data(),
        "status": {"code": status.value, "label": str(CallStatus(status).label)},
        "mode": call.mode,
        "year": call.year,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "days_left": call.days_left(),
        "results_published_on": call.results_published_on,
        "pool_total": call.pool_total,
        "pool_investment": call.pool_investment,
        "pool_soft": call.pool_soft,
        "pool_remaining": call.pool_remaining,
        "task_areas": [{"key": area.key, "name": area.name} for area in call.task_areas.all()],
        "contribution_forms": contribution_forms,
        "applications_received": call.applications_received,
        "applications_accepted": call.applications_accepted,
        "is_example": call.is_example,
    }
