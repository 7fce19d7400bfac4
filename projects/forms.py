"""The project list's filters: a plain GET form that works without JavaScript.

Every value comes from the address bar, so anything may arrive. A value that is not one of
the choices makes the form invalid: the field shows why and the list is empty. Nothing a
visitor types reaches the database except as a bound parameter.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    COUNTRY_NAMES,
    FocusArea,
    FundingProgramme,
    Organisation,
    ProjectFocusArea,
    ProjectPartner,
    Status,
)
from .models.pages import status_q

UNKNOWN_CHOICE = _("There is no such choice here. Pick one from the list.")


def page_number(value):
    """A page number from the address bar: anything that is not a number is page 1.

    Numbers past the last page are clamped to it by the paginator.
    """
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    focus = forms.ChoiceField(
        label=_("Focus area"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    country = forms.ChoiceField(
        label=_("Partner country"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )

    def __init__(self, data, *, projects):
        """`projects` are the live projects of the list: only choices that match some of
        them are offered. Three queries, whatever the number of projects."""
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["status"].choices = everything + list(Status.choices)
        self.fields["programme"].choices = everything + list(
            FundingProgramme.objects.filter(pk__in=projects.values("programme_id")).values_list(
                "slug", "name"
            )
        )
        self.fields["focus"].choices = everything + list(
            FocusArea.objects.filter(
                pk__in=ProjectFocusArea.objects.filter(project__in=projects).values("focus_area_id")
            ).values_list("slug", "name")
        )
        countries = (
            Organisation.objects.filter(
                pk__in=ProjectPartner.objects.filter(project__in=projects).values("organisation_id")
            )
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        self.fields["country"].choices = everything + sorted(
            ((code, COUNTRY_NAMES[code]) for code in set(countries) if code in COUNTRY_NAMES),
            key=lambda choice: str(choice[1]),
        )

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)

    def filter(self, projects, today):
        """The projects that match every chosen filter; none when a value is unknown."""
        if not self.is_valid():
            return projects.none()
        data = self.cleaned_data
        if data["status"]:
            projects = projects.filter(status_q(data["status"], today))
        if data["programme"]:
            projects = projects.filter(programme__slug=data["programme"])
        if data["focus"]:
            projects = projects.filter(
                pk__in=ProjectFocusArea.objects.filter(focus_area__slug=data["focus"]).values(
                    "project_id"
                )
            )
        if data["country"]:
            projects = projects.filter(
                pk__in=ProjectPartner.objects.filter(organisation__country=data["country"]).values(
                    "project_id"
                )
            )
        return projects
