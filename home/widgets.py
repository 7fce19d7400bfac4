"""Form widgets of the public pages."""

from django import forms


class Select(forms.Select):
    """Django's select, its options written by its own template (home/widgets/select.html)
    rather than by an included template each: the same markup, without an include per
    option. A news list's project filter offers one option per project."""

    template_name = "home/widgets/select.html"
