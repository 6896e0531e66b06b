"""Validators shared by the page types of every app."""

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

NOT_NEGATIVE = MinValueValidator(0, message=_("Kwota nie może być ujemna."))
