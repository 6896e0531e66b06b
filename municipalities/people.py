"""The people of each municipality in the admin.

- Ustawienia → Użytkownicy: the groups of the user form grouped by municipality (GZM's own
  groups first, the rest in Polish alphabetical order), and ``?group=<id>`` on the create
  form ticks that group, so "Dodaj redaktora" on a municipality's row starts a new person
  in the right group.
- Zespół gminy: a municipality's moderators see (never change) who edits and moderates it.
- Only a superuser makes or changes a superuser: GZM's network admins, who manage people,
  get no "Administrator" box and cannot open a superuser's account (to set its password).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from portal.collation import polish_key
from portal.permissions import is_network_admin

from .models import Municipality

ROLES = (
    ("editors_group", gettext_lazy("redaktor")),
    ("moderators_group", gettext_lazy("moderator")),
)


def grouped_group_choices(groups):
    """``groups`` as choices grouped under GZM and then each municipality by its name."""
    groups = list(groups)
    municipality_of = {}
    for municipality in Municipality.objects.only("name", "editors_group", "moderators_group"):
        for field, _role in ROLES:
            group_id = getattr(municipality, f"{field}_id")
            if group_id:
                municipality_of[group_id] = municipality.name
    network = sorted(
        (group for group in groups if group.pk not in municipality_of),
        key=lambda group: polish_key(group.name),
    )
    by_municipality = {}
    for group in groups:
        if group.pk in municipality_of:
            by_municipality.setdefault(municipality_of[group.pk], []).append(group)
    choices = []
    if network:
        choices.append((_("GZM"), [(group.pk, group.name) for group in network]))
    for name in sorted(by_municipality, key=polish_key):
        members = sorted(by_municipality[name], key=lambda group: polish_key(group.name))
        choices.append((name, [(group.pk, group.name) for group in members]))
    return choices


class GroupedGroupsMixin:
    def __init__(self, *args, grants_superuser=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not grants_superuser:
            self.fields.pop("is_superuser", None)
        field = self.fields.get("groups")
        if field is not None:
            field.choices = grouped_group_choices(field.queryset)


class GroupedUserCreationForm(GroupedGroupsMixin, UserCreationForm):
    pass


class GroupedUserEditForm(GroupedGroupsMixin, UserEditForm):
    pass


class CreateUserView(users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grants_superuser": self.request.user.is_superuser}

    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("group", "")
        if wanted.isdigit() and int(wanted) in self._municipal_group_ids():
            initial["groups"] = [int(wanted)]
        return initial

    @staticmethod
    def _municipal_group_ids():
        pairs = Municipality.objects.values_list("editors_group", "moderators_group")
        return {group_id for pair in pairs for group_id in pair if group_id}


class EditUserView(users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grants_superuser": self.request.user.is_superuser}


class UserViewSet(users.UserViewSet):
    add_view_class = CreateUserView
    edit_view_class = EditUserView

    def get_form_class(self, for_update=False):
        return GroupedUserEditForm if for_update else GroupedUserCreationForm


def add_person_url(municipality, role_field):
    group_id = getattr(municipality, f"{role_field}_id")
    return f"{reverse('wagtailusers_users:add')}?group={group_id}"


def moderated_municipalities(user):
    """The municipalities whose team ``user`` may see: GZM's admins every one."""
    if is_network_admin(user):
        return Municipality.objects.all()
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.filter(moderators_group__user=user).distinct()


def team_of(municipality):
    """The municipality's people with their roles, in Polish order of their names."""
    group_ids = [municipality.editors_group_id, municipality.moderators_group_id]
    people = (
        get_user_model()
        .objects.filter(groups__in=[pk for pk in group_ids if pk], is_active=True)
        .prefetch_related("groups")
        .distinct()
    )
    team = []
    for person in people:
        member_of = {group.pk for group in person.groups.all()}
        roles = [
            str(label)
            for field, label in ROLES
            if getattr(municipality, f"{field}_id") in member_of
        ]
        team.append(
            {
                "person": person,
                "name": person.get_full_name() or person.get_username(),
                "roles": roles,
            }
        )
    return sorted(team, key=lambda row: polish_key(row["name"]))


class TeamView(WagtailAdminTemplateMixin, TemplateView):
    """Who edits and moderates a municipality's subsite, read only, for its moderators."""

    template_name = "municipalities/admin/team.html"
    header_icon = "group"

    def dispatch(self, request, *args, pk=None, **kwargs):
        visible = moderated_municipalities(request.user).order_by("name")
        if pk is None:
            self.municipality = visible.first()
            self.others = list(visible)
        else:
            self.municipality = visible.filter(pk=pk).first()
            self.others = []
        if self.municipality is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Zespół gminy")

    def get_page_subtitle(self):
        return self.municipality.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": _("Zespół gminy: %(name)s") % {"name": self.municipality.name}},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        context["team"] = team_of(self.municipality)
        context["others"] = [m for m in self.others if m != self.municipality]
        return context
