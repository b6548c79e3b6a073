"""Policy intelligence over the library: repeated clauses, quantitative targets, cited
documents, tag suggestions and version comparison. Every function returns frozen records
(db.intel.records); none writes to the library.

    >>> similar_clauses(lib, clause_id)          # nearly the same clause in other documents
    >>> repeated_pairs(lib, [doc_a, doc_b])      # every such pair between two documents
    >>> extract_targets("到2025年…突破300亿元")   # pure text; targets(lib, year=2025) for the library
    >>> cited_documents(lib, clause_id)          # 《…》 titles, in the library or missing
    >>> suggest_tags(lib, clause_id)             # the officer's tags first, then keywords
    >>> compare_documents(lib, old_id, new_id)   # or compare_parsed(old, new) for files
"""

from db.intel.citations import cited_documents, cited_titles
from db.intel.compare import compare_documents, compare_parsed
from db.intel.records import (
    Citation,
    ClauseRef,
    Comparison,
    ComparisonRow,
    DiffOp,
    RepeatedPair,
    SimilarClause,
    Suggestion,
    Target,
    TargetRow,
    TextDiff,
)
from db.intel.similar import repeated_pairs, similar_clauses
from db.intel.suggest import suggest_tags
from db.intel.targets import extract_targets, targets
from db.intel.textdiff import diff, similarity

__all__ = [
    "Citation",
    "ClauseRef",
    "Comparison",
    "ComparisonRow",
    "DiffOp",
    "RepeatedPair",
    "SimilarClause",
    "Suggestion",
    "Target",
    "TargetRow",
    "TextDiff",
    "cited_documents",
    "cited_titles",
    "compare_documents",
    "compare_parsed",
    "diff",
    "extract_targets",
    "repeated_pairs",
    "similar_clauses",
    "similarity",
    "suggest_tags",
    "targets",
]
