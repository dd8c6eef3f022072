"""search.highlighting: which words are marked, how snippets are cut, and that listing text is
always escaped. Pure Python: no engine needed."""

import time

from search.highlighting import SNIPPET_SIZE, Highlighter


def test_folded_words_are_marked_with_and_without_diacritics():
    # Given a search typed without diacritics
    highlighter = Highlighter("ban dan")

    # Then every form of the words is marked, whatever the case and marks
    assert highlighter.whole("Chip bán dẫn và bàn đá BÁN DẪN; bandan") == [
        "Chip <mark>bán</mark> <mark>dẫn</mark> và <mark>bàn</mark> đá "
        "<mark>BÁN</mark> <mark>DẪN</mark>; bandan"
    ]


def test_d_with_stroke_folds_to_d():
    assert Highlighter("doi moi").whole("Đổi mới sáng tạo, đối mối") == [
        "<mark>Đổi</mark> <mark>mới</mark> sáng tạo, <mark>đối</mark> <mark>mối</mark>"
    ]


def test_a_word_with_other_marks_is_not_a_match_of_another_word():
    # "điều" folds to "dieu", "đều" to "deu": different words
    assert Highlighter("điều").whole("Sấy đều") == []


def test_english_words_with_the_same_stem_are_marked():
    highlighter = Highlighter("drying system")

    # (Porter's stems, as Elasticsearch's English "stemmer": "dried" -> "dri", "dry" -> "dry")
    assert highlighter.whole("Solar dryer systems; dried fruit; DRY system, systematic") == [
        "Solar dryer <mark>systems</mark>; dried fruit; <mark>DRY</mark> "
        "<mark>system</mark>, systematic"
    ]


def test_stems_are_compared_without_folding_like_the_english_sub_field():
    # "say" stems to "sai"; "sải" is not English and must not be marked by the stem rule
    assert Highlighter("say").whole("sải cánh, sai số, say") == [
        "sải cánh, <mark>sai</mark> số, <mark>say</mark>"
    ]


def test_listing_text_is_escaped_and_only_mark_is_markup():
    highlighter = Highlighter("sấy")

    assert highlighter.whole('<script>alert("x")</script> Máy sấy & <b>bơm</b>') == [
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Máy <mark>sấy</mark> &amp; "
        "&lt;b&gt;bơm&lt;/b&gt;"
    ]


def test_search_text_cannot_inject_markup_or_regex():
    # Given a search text full of HTML and regular-expression syntax
    highlighter = Highlighter('<mark>x</mark> (a|b)* [ \\ c++ "')

    # Then only its words count, and the output stays escaped
    assert highlighter.whole("a|b <mark> c++ (x)") == [
        "<mark>a</mark>|<mark>b</mark> &lt;<mark>mark</mark>&gt; <mark>c</mark>++ (<mark>x</mark>)"
    ]


def test_no_word_means_nothing_to_mark():
    highlighter = Highlighter("... !!! 🙂")

    assert not highlighter
    assert highlighter.whole("anything at all") == []
    assert highlighter.snippets("anything at all. Really.") == []


def test_text_without_a_match_gives_no_fragment():
    highlighter = Highlighter("sấy")

    assert highlighter.whole("Bơm nhiệt") == []
    assert highlighter.whole("") == []
    assert highlighter.snippets("") == []


def test_snippets_are_the_sentences_with_most_matches_in_text_order():
    # Given a description of four sentences, matching 1, 0, 2 and 2 times
    text = "Máy sấy nhỏ. Không liên quan. Sấy hạt điều bằng khí nóng. Hạt điều giữ màu sau khi sấy."

    # When it is cut into snippets
    snippets = Highlighter("sấy hạt điều").snippets(text)

    # Then the two sentences with most matches come, in the order of the text
    assert snippets == [
        "<mark>Sấy</mark> <mark>hạt</mark> <mark>điều</mark> bằng khí nóng.",
        "<mark>Hạt</mark> <mark>điều</mark> giữ màu sau khi <mark>sấy</mark>.",
    ]


def test_equal_sentences_keep_the_earliest():
    text = "Một câu có sấy. Hai câu có sấy. Ba câu có sấy."

    assert Highlighter("sấy").snippets(text) == [
        "Một câu có <mark>sấy</mark>.",
        "Hai câu có <mark>sấy</mark>.",
    ]
    assert Highlighter("sấy").snippets(text, count=1) == ["Một câu có <mark>sấy</mark>."]


def test_a_long_sentence_is_cut_around_its_first_match_on_word_boundaries():
    # Given one sentence of about 900 characters with a match in the middle
    before = " ".join(f"trước{i}" for i in range(60))
    after = " ".join(f"sau{i}" for i in range(80))
    text = f"{before} bơm nhiệt {after}"

    # When it is cut
    [snippet] = Highlighter("bơm nhiệt").snippets(text)

    # Then the snippet starts at a whole word a little before the match, ends at a whole
    # word, and is at most SNIPPET_SIZE characters
    plain = snippet.replace("<mark>", "").replace("</mark>", "")
    assert len(plain) <= SNIPPET_SIZE
    assert plain.startswith("trước")
    assert plain.split(" ")[0] in before.split(" ")
    assert plain.split(" ")[-1] in after.split(" ")
    assert "<mark>bơm</mark> <mark>nhiệt</mark>" in snippet
    assert plain.index("bơm") <= SNIPPET_SIZE // 4 + len("trước59 ")


def test_a_long_text_is_marked_quickly():
    # Given a 100 KB text with hundreds of matches (hostile size; listings are shorter)
    text = "Hệ thống xử lý nước thải công nghiệp. " * 2700
    highlighter = Highlighter("xu ly nuoc thai")

    # When it is cut into snippets, Then it takes little time and gives two snippets
    started = time.perf_counter()
    snippets = highlighter.snippets(text)
    assert time.perf_counter() - started < 2
    assert (
        snippets
        == [
            "Hệ thống <mark>xử</mark> <mark>lý</mark> <mark>nước</mark> <mark>thải</mark> "
            "công nghiệp."
        ]
        * 2
    )
