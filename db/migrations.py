"""The library schema, as numbered migrations. An applied migration is never edited:
to change the schema, append a new function (the tags/notes/briefs migrations go below).

Each migration runs in its own transaction together with its record in _sqlite_migrations.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.fts import IndexWriter
from db.textnorm import bigrams

MIGRATION_SET = "policybrief"
MIGRATIONS = Migrations(MIGRATION_SET)


def migration_names() -> list[str]:
    """Every migration this build knows, in order."""
    return [m.name for m in MIGRATIONS._migrations]


@MIGRATIONS()
def m001_documents_and_clauses(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            doc_number TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL DEFAULT '',
            issued_date TEXT NOT NULL DEFAULT '',   -- ISO, possibly partial: 2025-06-16, 2022-02, 2022
            addressee TEXT NOT NULL DEFAULT '',
            cc TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            proposal_number TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '[]',     -- JSON list of strings
            tags TEXT NOT NULL DEFAULT '[]',        -- JSON list: tags the document itself carries
            source_name TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX documents_doc_number ON documents(doc_number) WHERE doc_number != ''")
    db.execute("CREATE INDEX documents_title ON documents(title)")
    # parent_id has no foreign key: a new version re-parents clauses inside one transaction
    # and the whole tree goes with its document (ON DELETE CASCADE).
    db.execute(
        """
        CREATE TABLE clauses (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            parent_id INTEGER,
            position INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            level INTEGER NOT NULL DEFAULT 1,
            heading TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'item',
            text TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX clauses_document ON clauses(document_id, position)")


@MIGRATIONS()
def m002_clause_search_index(db: Database) -> None:
    # Contentless FTS5 over character bigrams (docs/decisions/002-bigram-fts-index.md); rowid =
    # clauses.id. Deleting a row needs the 'delete' command with the same bigrams (SQLite < 3.43).
    db.execute(
        "CREATE VIRTUAL TABLE clause_fts USING fts5(bg, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    rows = db.execute("SELECT id, text FROM clauses").fetchall()
    db.conn.executemany("INSERT INTO clause_fts(rowid, bg) VALUES (?, ?)", ((i, bigrams(t)) for i, t in rows))


@MIGRATIONS()
def m003_tags_notes_briefs(db: Database) -> None:
    # The officer's own work. Links point at clauses with ON DELETE SET NULL, never CASCADE:
    # when a re-import cannot match a clause, its tags, notes and brief entries become
    # orphans that keep the clause's path and text (anchor_*) instead of disappearing.
    anchor = "anchor_document_id INTEGER, anchor_path TEXT, anchor_text TEXT"
    # One statement at a time: executescript() would COMMIT and break the migration's transaction.
    script = f"""
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,      -- NFKC + casefold: one tag whatever the case
            color TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES tags(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE clause_tags (
            id INTEGER PRIMARY KEY,
            clause_id INTEGER REFERENCES clauses(id) ON DELETE SET NULL,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            {anchor}
        );
        CREATE UNIQUE INDEX clause_tags_unique ON clause_tags(clause_id, tag_id) WHERE clause_id IS NOT NULL;
        CREATE INDEX clause_tags_tag ON clause_tags(tag_id);
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            clause_id INTEGER REFERENCES clauses(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            meeting TEXT NOT NULL DEFAULT '',
            meeting_date TEXT NOT NULL DEFAULT '',
            span_start INTEGER,
            span_end INTEGER,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            {anchor}
        );
        CREATE INDEX notes_clause ON notes(clause_id);
        CREATE INDEX notes_meeting ON notes(meeting) WHERE meeting != '';
        CREATE TABLE briefs (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE brief_sections (
            id INTEGER PRIMARY KEY,
            brief_id INTEGER NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            tag_id INTEGER REFERENCES tags(id) ON DELETE SET NULL
        );
        CREATE TABLE brief_items (
            id INTEGER PRIMARY KEY,
            section_id INTEGER NOT NULL REFERENCES brief_sections(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            clause_id INTEGER REFERENCES clauses(id) ON DELETE SET NULL,
            note_override TEXT,
            {anchor}
        );
        CREATE INDEX brief_items_section ON brief_items(section_id, position);
        CREATE INDEX brief_items_clause ON brief_items(clause_id);
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            stack TEXT NOT NULL,                -- undo | redo
            label TEXT NOT NULL,
            ops TEXT NOT NULL,                  -- JSON: the operations that reverse the change
            coalesce_key TEXT,
            created_at TEXT NOT NULL
        );
        """
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS()
def m004_index_lengths_in_rowids(db: Database) -> None:
    # Exact bm25 without FTS5's per-hit length look-up (db/ranking.py, decision 002): the index
    # is rebuilt with columnsize=0 and each row's token count in the high bits of its rowid
    # (db/fts.py). 1-2 s per 10,000 clauses on a 2-core laptop.
    db.execute("DROP TABLE clause_fts")
    db.execute(
        "CREATE VIRTUAL TABLE clause_fts USING fts5("
        "bg, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
    )
    cursor = db.execute("SELECT id, text FROM clauses ORDER BY id")
    while chunk := cursor.fetchmany(5000):  # bounded memory; each chunk is written sorted
        index = IndexWriter(db.conn)
        for clause_id, text in chunk:
            index.index(clause_id, text)
        index.flush()
    db.execute("INSERT INTO clause_fts(clause_fts) VALUES ('optimize')")


@MIGRATIONS()
def m005_replaced_versions(db: Database) -> None:
    # A re-import that replaces a document keeps the replaced version's metadata and clause
    # tree, so a wrong replacement can be reverted and no text is ever gone (issue 13).
    db.execute(
        """
        CREATE TABLE document_versions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            replaced_at TEXT NOT NULL,
            source_name TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL DEFAULT '',
            metadata TEXT NOT NULL,
            clauses TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX document_versions_by_document ON document_versions(document_id)")


# Next migration: append a new function here; never edit one above.
