"""The search documents: one index per kind (offers, needs), each behind an alias over a
versioned concrete index ("<prefix>-offers" -> "<prefix>-offers-<version>").

Text fields carry sub-fields rather than one blended analyzer, so a query can weigh exact,
folded, phrase-like (shingles) and English-stemmed matches separately. The long texts
(description, applications) have no shingles: on osmem-server they made indexing 23 % slower
for no change in the relevance test set, whose description-phrase case ranks right without
them (benchmarks/RESULTS.md). The organisation's name is searched like the other texts, and
its `whole` sub-field holds the whole name lower-cased without diacritics, so that a query
that is exactly an organisation's name ("vien cong nghe sinh hoc") can put that
organisation's listings first. Facet fields are keywords. Only published listings are
indexed.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Text,
    normalizer,
)

from listings.models import Listing

from . import analysis

KINDS = ("offer", "need")
TITLE_MAX_LENGTH = Listing._meta.get_field("title").max_length

# The keyword counterpart of the folded analyzer (search.analysis): "Viện Công nghệ Sinh học"
# and "vien cong nghe sinh hoc" are the same whole name.
_folded_whole = normalizer("vi_folded_whole", filter=["lowercase", "asciifolding"])


def _text(
    *, autocomplete: bool = False, raw: bool = False, shingles: bool = True, whole: bool = False
) -> Text:
    fields = {
        "folded": Text(analyzer=analysis.folded),
        "en": Text(analyzer=analysis.english),
    }
    if shingles:
        fields["shingles"] = Text(analyzer=analysis.shingles)
    if autocomplete:
        fields["ac"] = Text(analyzer=analysis.autocomplete, search_analyzer=analysis.folded)
    if raw:
        fields["raw"] = Keyword()
    if whole:
        fields["whole"] = Keyword(normalizer=_folded_whole)
    return Text(analyzer=analysis.exact, fields=fields)


class ListingDocument(Document):
    """Field names are the contract between indexing (search.indexing) and the engine
    request (search.request)."""

    kind = Keyword()
    title = _text(autocomplete=True)
    keywords = _text(raw=True)
    summary = _text()
    description = _text(shingles=False)
    applications = _text(shingles=False)
    organisation_name = _text(whole=True)
    organisation_id = Keyword()
    organisation_kind = Keyword()
    organisation_verified = Boolean()
    exchange = Keyword()  # the listing's own exchange code
    exchanges = Keyword()  # its code and its national exchange's: "hanoi" finds local centres
    sectors = Keyword()  # level-2 codes
    sector_fields = Keyword()  # level-1 codes of those sectors
    provinces = Keyword()
    cooperation = Keyword()
    ip_status = Keyword()
    trl = Integer()
    price_min_vnd = Long()
    price_max_vnd = Long()
    negotiable = Boolean()
    language = Keyword()
    published_at = Date()
    updated_at = Date()  # compared with the database by `search_index --check`
    # A completion input is cut at max_input_length (50 characters by default): a whole title
    # (keywords, at most 60 characters, fit too), so typing past its 50th character still
    # completes it.
    suggest = Completion(analyzer=analysis.folded, max_input_length=TITLE_MAX_LENGTH)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10000}


def alias_name(kind: str) -> str:
    """The alias that queries and single-document writes use."""
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}s"
