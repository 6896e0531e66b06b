"""The results gallery: completed local initiatives, their listing, totals, map points and
filter forms. The models are registered through ``municipalities.models``."""
