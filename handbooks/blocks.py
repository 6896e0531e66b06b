"""Blocks of the model process, the resolution assumptions and the handbook chapters."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from portal.blocks import CalloutBlock

CHAPTER_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ProcessStepBlock(blocks.StructBlock):
    """One step of the model process: who acts, what happens, with which documents, how long."""

    title = blocks.CharBlock(label=_("Nazwa kroku"), max_length=160)
    actor = blocks.CharBlock(label=_("Kto działa"), max_length=250)
    description = blocks.RichTextBlock(label=_("Co się dzieje"), features=SHORT_TEXT_FEATURES)
    documents = blocks.ListBlock(
        blocks.CharBlock(label=_("Dokument"), max_length=250),
        label=_("Dokumenty"),
        required=False,
    )
    duration = blocks.CharBlock(label=_("Typowy czas trwania"), max_length=160, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Krok procesu")
        template = "handbooks/blocks/process_step.html"


RESOLUTION_TOPICS = [
    ("procedure", _("Tryb i procedura")),
    ("criteria", _("Kryteria oceny i ich wagi")),
    ("contribution", _("Formy wkładu własnego")),
    ("calls", _("Tryb naborów")),
    ("other", _("Inne postanowienia")),
]


class ResolutionElementValue(blocks.StructValue):
    def topic_label(self):
        return dict(RESOLUTION_TOPICS).get(self.get("topic"), "")


class ResolutionElementBlock(blocks.StructBlock):
    """What the resolution must settle, the model's proposal, what the municipality decides."""

    topic = blocks.ChoiceBlock(choices=RESOLUTION_TOPICS, label=_("Obszar"))
    title = blocks.CharBlock(label=_("Element uchwały"), max_length=200)
    requirement = blocks.RichTextBlock(
        label=_("Co uchwała musi określić"), features=SHORT_TEXT_FEATURES
    )
    model_proposal = blocks.RichTextBlock(
        label=_("Propozycja modelu GZM"), features=SHORT_TEXT_FEATURES
    )
    municipal_choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Wybór"), max_length=300),
        label=_("Do decyzji gminy"),
        required=False,
    )

    class Meta:
        icon = "doc-full"
        label = _("Element uchwały")
        value_class = ResolutionElementValue
        template = "handbooks/blocks/resolution_element.html"


class CriterionBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Kryterium"), max_length=200)
    weight = blocks.IntegerBlock(label=_("Maksymalna liczba punktów"), min_value=0)
    explanation = blocks.CharBlock(label=_("Jak oceniać"), max_length=400, required=False)


class CriteriaTableBlock(blocks.StructBlock):
    """The model evaluation card: criteria and their weights."""

    title = blocks.CharBlock(label=_("Tytuł"), max_length=200)
    criteria = blocks.ListBlock(CriterionBlock(), label=_("Kryteria"))

    class Meta:
        icon = "table"
        label = _("Karta oceny")
        template = "handbooks/blocks/criteria_table.html"


class ResolutionStreamBlock(blocks.StreamBlock):
    element = ResolutionElementBlock()
    criteria = CriteriaTableBlock()


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nagłówek"), max_length=160, required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Punkt"), max_length=400), label=_("Punkty"))

    class Meta:
        icon = "tasks"
        label = _("Lista kontrolna")
        template = "handbooks/blocks/checklist.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Krok"), max_length=200)
    text = blocks.RichTextBlock(label=_("Opis"), features=SHORT_TEXT_FEATURES, required=False)


class StepListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nagłówek"), max_length=160, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Kroki"))

    class Meta:
        icon = "list-ol"
        label = _("Lista kroków")
        template = "handbooks/blocks/step_list.html"


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Odpowiedź"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Pytanie i odpowiedź")
        template = "handbooks/blocks/faq.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A document from the collection, or an external one (e.g. the Act in ISAP)."""

    title = blocks.CharBlock(label=_("Nazwa dokumentu"), max_length=250)
    document = DocumentChooserBlock(label=_("Dokument z kolekcji"), required=False)
    url = blocks.URLBlock(label=_("albo adres dokumentu"), required=False)
    description = blocks.CharBlock(label=_("Opis"), max_length=400, required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Dokument")
        template = "handbooks/blocks/document_link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Wybierz dokument z kolekcji albo podaj adres — jedno z dwóch.")
                    )
                }
            )
        return value


class ChapterStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Tekst"), features=CHAPTER_TEXT_FEATURES, template="portal/blocks/paragraph.html"
    )
    checklist = ChecklistBlock()
    callout = CalloutBlock()
    steps = StepListBlock()
    faq = FaqBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = _("Treść rozdziału")
