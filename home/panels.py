"""An inline panel whose rows, added but left empty, are left out rather than refused.

Wagtail numbers every row the editor adds (its ORDER field), so Django counts an added row
as changed even when nothing was typed into it, and validates it: its required fields fail,
the page cannot be published, and the error sits on a tab the editor may not be looking
at. A row whose own fields are all still empty (or at their defaults) is now treated as
not there; a row with something in it is validated as before, its errors beside its
fields.
"""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

# Fields Django's formset adds to every row: they say where a row goes, not what it holds.
FORMSET_FIELDS = {"ORDER", "DELETE", "id"}


class EmptyRowLeftOutMixin:
    def has_changed(self):
        if self.instance.pk is not None:  # a saved row: moving it is a change
            return super().has_changed()
        return any(name not in FORMSET_FIELDS for name in self.changed_data)


class EmptyRowLeftOutForm(EmptyRowLeftOutMixin, WagtailAdminModelForm):
    pass


class SkipEmptyRowsInlinePanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form")
        if base is None:
            formset["form"] = EmptyRowLeftOutForm
        else:  # Wagtail's own form for the rows: keep it, and leave empty rows out.
            formset["form"] = type(base)(
                f"EmptyRowLeftOut{base.__name__}", (EmptyRowLeftOutMixin, base), {}
            )
        return options
