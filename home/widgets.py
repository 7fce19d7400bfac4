"""Form widgets of the public pages."""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs):
    """What django/forms/widgets/attrs.html writes: a name alone for True, nothing for
    False, name="value" otherwise."""
    if not attrs:
        return ""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class NormalChoices(BaseChoiceIterator):
    """Choices already written as Django keeps them, a list of (value, label) pairs.
    Django checks and copies every pair of a plain list given to a field, and again for
    its widget; these it takes as they are. A news list's project filter offers one
    choice per project."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        return self.pairs[index]


class Select(forms.Select):
    """Django's select, written in Python instead of by a template and an included template
    per option: the same markup (a test compares the two), at a fraction of the cost. A
    news list's project filter offers one option per project."""

    def render(self, name, value, attrs=None, renderer=None):
        # Widget.get_context: the select's own attributes, without ChoiceWidget's dict of
        # attributes per option, which is most of the cost of a long list.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        found = False
        for group_value, group_label in self.choices:
            # As ChoiceWidget.optgroups: None is "" at the top level only, and a group is
            # written as an <optgroup> only when it has a name.
            if group_value is None:
                group_value = ""
            grouped = isinstance(group_label, list | tuple)
            named = grouped and group_value
            if named:
                parts.append(format_html('\n  <optgroup label="{}">', group_value))
            for option_value, option_label in (
                group_label if grouped else [(group_value, group_label)]
            ):
                option_value = str(option_value)
                # As Django's: only the first option with the value is selected.
                selected = not found and option_value in chosen
                found = found or selected
                # Escaped as the template's {{ }} would; f-strings, as there may be hundreds.
                parts.append(
                    f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(option_label)}</option>\n"
                )
            if named:
                parts.append(mark_safe("\n  </optgroup>"))
        parts.append(mark_safe("\n</select>"))
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped above
