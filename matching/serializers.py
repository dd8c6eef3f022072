"""Serializers of the matching API: the `limit` of a ranked list, the lists themselves
(offers for a need, needs and spin-off partners for an offer, each with its score and
explanation), the feedback body and the suggestion it answers with.

The lists render Suggestion rows (matching.selectors); the reasons are stored in both
languages and the one of the request is shown (`context["language"]`).

Enums are named components of their own (`NamedEnumField`): the suggestion's "status" and
the partner's "kind" would otherwise collide with the listings' enums of the same property
names in drf-spectacular's enum naming.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from listings.models import Vocabulary
from listings.serializers import ExchangeCodeField, ProvinceCodeField
from marketplace.accounts.models import Organisation

from . import selectors
from .models import Suggestion

DEFAULT_LIMIT = selectors.LIST_SIZE
MAX_LIMIT = 50
# The answers a person gives to a suggestion ("new" is the engine's, never given).
FEEDBACK_STATUSES = (
    Suggestion.Status.SEEN.value,
    Suggestion.Status.CONTACTED.value,
    Suggestion.Status.DISMISSED.value,
)
_LIMIT_DIGITS = 20  # a longer "limit" is not a number of results anyone means


# --- Named enums ---------------------------------------------------------------------------


class NamedEnumField(serializers.ChoiceField):
    """A closed list of codes, documented as the enum component `component`. Only the exact
    code (a string) is accepted; anything else is refused with `message`, which names the
    codes and never repeats the value sent (which may be 10,000 characters long)."""

    def __init__(self, *, component: str, message=None, **kwargs):
        self.component = component
        self.message = message
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and data in self.choices:
            return data
        raise serializers.ValidationError(self.message % {"codes": ", ".join(self.choices)})


def _enum_ref(auto_schema, name: str, values) -> dict:
    component = ResolvedComponent(
        name=name,
        type=ResolvedComponent.SCHEMA,
        object=name,
        schema={"type": "string", "enum": list(values)},
    )
    auto_schema.registry.register_on_missing(component)
    return component.ref


class _NamedEnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedEnumField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        ref = _enum_ref(auto_schema, field.component, field.choices)
        if not field.allow_null:
            return ref
        # drf-spectacular's own component for a nullable enum's null.
        null = ResolvedComponent(
            name="NullEnum",
            type=ResolvedComponent.SCHEMA,
            object="NullEnum",
            schema={"enum": [None]},
        )
        auto_schema.registry.register_on_missing(null)
        return {"oneOf": [ref, null.ref]}


# --- Query -----------------------------------------------------------------------------------


@extend_schema_field(
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}
)
class LimitField(serializers.Field):
    """A whole number of results, written in plain digits ("10"); "1e9", "10.0", " 10", an
    empty value and anything out of range are refused."""

    def to_internal_value(self, data):
        if (
            isinstance(data, str)
            and 0 < len(data) <= _LIMIT_DIGITS
            and data.isascii()
            and data.isdigit()
            and 1 <= int(data) <= MAX_LIMIT
        ):
            return int(data)
        raise serializers.ValidationError(
            _("A whole number from 1 to %(max)s.") % {"max": MAX_LIMIT}
        )

    def to_representation(self, value):
        return value


class MatchQuerySerializer(serializers.Serializer):
    limit = LimitField(
        required=False,
        default=DEFAULT_LIMIT,
        help_text=_("How many results, best first: 1 to 50 (default 10)."),
    )


# --- Ranked lists ----------------------------------------------------------------------------


class MatchListingOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MatchListingSerializer(serializers.Serializer):
    """A listing in a ranked list: enough to show it and to follow it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text=_("The listing's page."))
    summary = serializers.CharField()
    organisation = MatchListingOrganisationSerializer(help_text=_("The owning organisation."))
    exchange = ExchangeCodeField(source="exchange.code", help_text=_("Exchange code."))
    trl = serializers.IntegerField(min_value=1, max_value=9)
    language = serializers.ChoiceField(choices=Vocabulary.Language.choices)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, listing) -> str:
        return self.context["request"].build_absolute_uri(listing.get_absolute_url())


class MatchPartnerSerializer(serializers.Serializer):
    """An organisation proposed as a spin-off or joint-venture partner."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = NamedEnumField(component="OrganisationKindEnum", choices=Organisation.Kind.choices)
    url = serializers.SerializerMethodField(help_text=_("The organisation's page."))
    province = ProvinceCodeField(source="province.slug", help_text=_("Province code (slug)."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, organisation) -> str:
        path = reverse("accounts:organisation_detail", args=[organisation.pk])
        return self.context["request"].build_absolute_uri(path)


def _component(name: str, help_text):
    """One component score of a suggestion, in 0..1; null when the kind of suggestion has
    no such component (a partner suggestion has no cooperation)."""
    return serializers.FloatField(
        source=f"components.{name}",
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text=help_text,
    )


class MatchExplanationSerializer(serializers.Serializer):
    """Why a pair was proposed: its component scores and sentences people can read."""

    text = _component("text", _("Similarity of the texts, by words and by meaning."))
    sector = _component("sector", _("Fit of the sectors."))
    trl = _component("maturity", _("Fit of the technology's maturity (TRL) to what is required."))
    region = _component("region", _("Closeness of the provinces."))
    price = _component("price", _("Fit of the price to the budget or the investor's ticket."))
    cooperation = _component(
        "cooperation", _("Shared forms of cooperation (transfers only; null for partners).")
    )
    reasons = serializers.SerializerMethodField(
        help_text=_("The reasons, in the request's language (Accept-Language: vi or en).")
    )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, suggestion) -> list[str]:
        language = self.context.get("language", "vi")
        sentences = []
        for reason in suggestion.reasons or []:
            if isinstance(reason, Mapping):
                sentence = reason.get(language) or reason.get("vi") or ""
                if sentence:
                    sentences.append(str(sentence))
        return sentences


def _score():
    return serializers.FloatField(
        min_value=0, max_value=1, help_text=_("How well the pair fits, from 0 to 1.")
    )


class OfferMatchSerializer(serializers.Serializer):
    offer = MatchListingSerializer()
    score = _score()
    explanation = MatchExplanationSerializer(source="*")


class NeedMatchSerializer(serializers.Serializer):
    need = MatchListingSerializer()
    score = _score()
    explanation = MatchExplanationSerializer(source="*")


class PartnerMatchSerializer(serializers.Serializer):
    organisation = MatchPartnerSerializer()
    score = _score()
    explanation = MatchExplanationSerializer(source="*")


class OfferMatchListSerializer(serializers.Serializer):
    results = OfferMatchSerializer(many=True, help_text=_("Best first."))


class NeedMatchListSerializer(serializers.Serializer):
    results = NeedMatchSerializer(many=True, help_text=_("Best first."))


class PartnerMatchListSerializer(serializers.Serializer):
    results = PartnerMatchSerializer(many=True, help_text=_("Best first."))


# --- Feedback --------------------------------------------------------------------------------


class SuggestionFeedbackSerializer(serializers.Serializer):
    """The body of a feedback: a status, and with "dismissed" (only then) the reason."""

    status = NamedEnumField(
        component="FeedbackStatusEnum",
        choices=FEEDBACK_STATUSES,
        message=_("Unknown status: one of %(codes)s."),
    )
    reason = NamedEnumField(
        component="DismissReasonEnum",
        choices=Suggestion.DismissReason.values,
        required=False,
        message=_("Unknown reason: one of %(codes)s."),
    )

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)  # refused there
        unknown = {key: [_("Unknown field.")] for key in data if key not in self.fields}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({**error.detail, **unknown}) from error
        if unknown:
            raise serializers.ValidationError(unknown)
        return value

    def validate(self, attrs: dict) -> dict:
        dismissed = attrs["status"] == Suggestion.Status.DISMISSED
        if dismissed and "reason" not in attrs:
            raise serializers.ValidationError(
                {
                    "reason": [
                        _("Say why the suggestion is dismissed: one of %(codes)s.")
                        % {"codes": ", ".join(Suggestion.DismissReason.values)}
                    ]
                }
            )
        if not dismissed and "reason" in attrs:
            raise serializers.ValidationError(
                {"reason": [_("A reason is given only with the status “dismissed”.")]}
            )
        return attrs


class _SuggestionFeedbackBody(OpenApiSerializerExtension):
    """The body as the API reads it: "seen" or "contacted" alone, or "dismissed" with its
    reason; nothing else (`additionalProperties: false`)."""

    target_class = SuggestionFeedbackSerializer

    def map_serializer(self, auto_schema, direction):
        reason = _enum_ref(auto_schema, "DismissReasonEnum", Suggestion.DismissReason.values)
        answered = _enum_ref(
            auto_schema,
            "FeedbackAnswerEnum",
            [Suggestion.Status.SEEN.value, Suggestion.Status.CONTACTED.value],
        )
        dismissed = _enum_ref(
            auto_schema, "FeedbackDismissalEnum", [Suggestion.Status.DISMISSED.value]
        )
        status = _enum_ref(auto_schema, "FeedbackStatusEnum", FEEDBACK_STATUSES)
        return {
            "type": "object",
            "properties": {"status": status, "reason": reason},
            "required": ["status"],
            "oneOf": [
                {
                    "type": "object",
                    "title": "Seen or contacted",
                    "properties": {"status": answered},
                    "required": ["status"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "title": "Dismissed",
                    "properties": {"status": dismissed, "reason": reason},
                    "required": ["status", "reason"],
                    "additionalProperties": False,
                },
            ],
        }


class SuggestionStateSerializer(serializers.Serializer):
    """A suggestion's state after a feedback."""

    id = serializers.IntegerField()
    status = NamedEnumField(component="SuggestionStatusEnum", choices=Suggestion.Status.values)
    dismiss_reason = NamedEnumField(
        component="DismissReasonEnum",
        choices=Suggestion.DismissReason.values,
        allow_null=True,
        help_text=_("Why it was dismissed; null unless the status is “dismissed”."),
    )

    def to_representation(self, suggestion):
        data = super().to_representation(suggestion)
        data["dismiss_reason"] = suggestion.dismiss_reason or None
        return data
