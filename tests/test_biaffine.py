"""The graph parser's decoder and its numpy inference (lagebild/syntax/biaffine.py)."""
import itertools

import numpy as np
import pytest

from lagebild.syntax import biaffine


def _tree_score(scores, heads):
    return sum(scores[i + 1, h] for i, h in enumerate(heads))


def _is_tree(heads):
    """heads over positions 1..n with 0 = root: exactly one root child, no cycle."""
    return sum(h == 0 for h in heads) == 1 and _is_tree_any_root(heads)


def _best_tree_score(scores, root_child):
    """Brute force: the best single-root tree whose root child is ``root_child``."""
    n = scores.shape[0] - 1
    return max(_tree_score(scores, heads) for heads in itertools.product(range(n + 1), repeat=n)
               if heads[root_child - 1] == 0 and all(h != i + 1 for i, h in enumerate(heads))
               and _is_tree(heads))


@pytest.mark.parametrize("seed", range(12))
def test_decode_gives_a_tree_with_one_root(seed):
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(6, 6))
    heads = biaffine.decode(scores)
    assert _is_tree(heads)


@pytest.mark.parametrize("seed", range(8))
def test_decode_finds_the_best_tree_when_greedy_heads_form_a_cycle(seed):
    rng = np.random.default_rng(100 + seed)
    n = 5
    scores = rng.normal(size=(n + 1, n + 1))
    # words 2 and 3 prefer each other: the greedy choice is a cycle
    scores[2, 3] = scores[3, 2] = 10.0
    heads = biaffine.decode(scores)
    assert _is_tree(heads)
    # the root child is chosen first (one-root rule), the rest is an exact maximum spanning tree
    root_child = heads.index(0) + 1
    assert abs(_tree_score(scores, heads) - _best_tree_score(scores, root_child)) < 1e-9


def test_chu_liu_edmonds_is_exact_without_root_constraint():
    rng = np.random.default_rng(7)
    for _ in range(10):
        scores = rng.normal(size=(5, 5))
        np.fill_diagonal(scores, -np.inf)
        heads = biaffine.chu_liu_edmonds(scores)
        best = max(
            sum(scores[i, h] for i, h in enumerate(cand) if i)
            for cand in itertools.product(range(5), repeat=5)
            if cand[0] == 0 and all(cand[i] != i for i in range(1, 5))
            and _is_tree_any_root([c for c in cand[1:]]))
        assert abs(sum(scores[i, h] for i, h in enumerate(heads) if i) - best) < 1e-9


def _is_tree_any_root(heads):
    for start in range(1, len(heads) + 1):
        seen, v = set(), start
        while v != 0:
            if v in seen:
                return False
            seen.add(v)
            v = heads[v - 1]
    return True


def test_single_word_sentence_hangs_on_the_root():
    assert biaffine.decode(np.zeros((2, 2))) == [0]


def _analyzer():
    from lagebild import syntax

    if not (syntax.MODEL_DIR / "parser.npz").exists():
        pytest.skip("no graph parser shipped")
    return syntax.SyntaxAnalyzer(graph=True)


def test_graph_stage_runs_the_graph_parser_instead_of_spacys():
    from lagebild import syntax
    from lagebild.pipeline import Pipeline

    assert _analyzer().graph_parser is not None
    assert "parser" not in syntax.load_model(with_parser=False).pipe_names
    assert Pipeline(["segment", "syntax-graph"]).stage_names == ["segment", "syntax"]


def test_batching_does_not_change_the_parse():
    """Padding and the per-sentence reversal of the backward LSTM must not leak between sentences."""
    from lagebild.model import Sentence, Token

    def sentence(text):
        tokens, pos = [], 0
        for i, word in enumerate(text.split()):
            tokens.append(Token(i, pos, pos + len(word), word))
            pos += len(word) + 1
        return Sentence(0, 0, pos, text, tokens=tokens)

    texts = ["Die Ministerin traf am Montag ihren japanischen Amtskollegen in Tokio .",
             "Er lehnte ab .",
             "Nach dem Treffen kündigte die Regierung neue Sanktionen gegen das Land an , "
             "das seine Truppen nicht abgezogen hatte ."]
    analyzer = _analyzer()
    alone = []
    for text in texts:
        s = sentence(text)
        analyzer.annotate([s])
        alone.append([(t.head, t.dep) for t in s.tokens])
    together = [sentence(t) for t in texts]
    analyzer.annotate(together)
    assert [[(t.head, t.dep) for t in s.tokens] for s in together] == alone
    for s in together:
        assert sum(t.head == -1 for t in s.tokens) == 1
