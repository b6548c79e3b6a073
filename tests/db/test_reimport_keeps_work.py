"""Re-importing a document (corrected, or the same text in another format) keeps the officer's work."""

from dataclasses import replace

import docx

from db import add_document, document_clauses, list_documents
from db.notes import add_note, list_notes, notes_for_clause
from db.orphans import delete_orphan, list_orphans, reattach, suggest_clauses
from db.tags import list_tags, tag_clauses, tags_of_clause
from importers import import_file, parse_source
from importers.cleanup import clean_lines
from importers.formats.txt import read as read_txt


def seed_002_as_docx(seed_path, out):
    """The same document saved from Word: one paragraph per (re-joined) paragraph."""
    document = docx.Document()
    for paragraph in clean_lines(read_txt(seed_path)):
        document.add_paragraph(paragraph)
    document.save(out)
    return out


def work_on(lib, doc_id):
    clauses = document_clauses(lib, doc_id)
    tagged = [c for c in clauses if c.label][:6]
    tag_clauses(lib, [c.id for c in tagged], ["数字经济"])
    tag_clauses(lib, [tagged[0].id], ["人才"])
    for c in tagged[:4]:
        add_note(lib, c.id, f"批注：{c.path}", meeting="专题会")
    return tagged


def test_reimporting_seed_002_as_docx_keeps_every_tag_and_note(seeded_library, seed, tmp_path):
    lib = seeded_library
    doc = next(d for d in list_documents(lib) if d.doc_number == "厦湖科工函〔2025〕11号")
    tagged = work_on(lib, doc.id)
    before = {c.path: [t.name for t in tags_of_clause(lib, c.id)] for c in tagged}
    outcome = add_document(lib, import_file(seed_002_as_docx(seed("002"), tmp_path / "答复函.docx")))
    # the same text in another format is the same entry (issue 15: one document, one entry)
    assert (outcome.status, outcome.document_id) == ("duplicate", doc.id)
    assert len([d for d in list_documents(lib) if d.doc_number == doc.doc_number]) == 1
    clauses = {c.path: c for c in document_clauses(lib, doc.id)}
    after = {path: [t.name for t in tags_of_clause(lib, clauses[path].id)] for path in before}
    assert after == before
    notes = list_notes(lib, doc_id=doc.id)
    assert sorted(n.text for n in notes) == sorted(f"批注：{c.path}" for c in tagged[:4])
    assert all(n.path == n.text.removeprefix("批注：") for n in notes)
    assert list_orphans(lib) == []


def test_a_corrected_version_moves_work_to_the_edited_clause_and_orphans_the_rest(seeded_library, seed):
    lib = seeded_library
    parsed = import_file(seed("000"))
    doc = next(d for d in list_documents(lib) if d.doc_number == parsed.metadata.doc_number)
    clauses = {c.path: c for c in document_clauses(lib, doc.id)}
    edited, dropped = clauses["二/（一）/2"], clauses["三/（三）"]
    add_note(lib, edited.id, "算力补贴要核实")
    add_note(lib, dropped.id, "人才住房")
    tag_clauses(lib, [dropped.id], ["人才"])

    def correct(clause):
        kids = tuple(correct(c) for c in clause.children if c.path != "三/（三）")
        text = clause.text.replace("高性能", "更高性能") if clause.path == "二/（一）/2" else clause.text
        return replace(clause, text=text, children=kids)

    corrected = replace(parsed, clauses=tuple(correct(c) for c in parsed.clauses), sha256="corrected")
    assert add_document(lib, corrected).status == "updated"

    new = {c.path: c for c in document_clauses(lib, doc.id)}
    assert [n.text for n in notes_for_clause(lib, new["二/（一）/2"].id)] == ["算力补贴要核实"]
    orphans = list_orphans(lib)
    assert {(o.kind, o.detail) for o in orphans} == {("note", "人才住房"), ("tag", "人才")}
    assert all(o.clause_text == dropped.text and o.path == "三/（三）" for o in orphans)
    assert next(t for t in list_tags(lib) if t.name == "人才").clause_count == 0

    note = next(o for o in orphans if o.kind == "note")
    best, _ = suggest_clauses(lib, note)[0]
    reattach(lib, "note", note.id, best)
    assert [n.text for n in notes_for_clause(lib, best)] == ["人才住房"]
    tag = next(o for o in list_orphans(lib) if o.kind == "tag")
    delete_orphan(lib, "tag", tag.id)
    assert list_orphans(lib) == []


def test_removing_a_document_orphans_its_notes_instead_of_deleting_them(seeded_library):
    from db import remove_document

    lib = seeded_library
    doc = list_documents(lib)[0]
    clause = document_clauses(lib, doc.id)[1]
    add_note(lib, clause.id, "不能丢")
    remove_document(lib, doc.id)
    (orphan,) = list_orphans(lib)
    assert orphan.detail == "不能丢" and orphan.clause_text == clause.text


def test_parse_source_is_deterministic_for_the_same_text(seed):
    a = parse_source(read_txt(seed("002")))
    b = parse_source(read_txt(seed("002")))
    assert a == b


def test_a_rewritten_clause_at_the_same_place_does_not_inherit_the_note(seeded_library, seed):
    lib = seeded_library
    parsed = import_file(seed("003"))
    doc = next(d for d in list_documents(lib) if d.title == parsed.metadata.title)
    target = next(c for c in document_clauses(lib, doc.id) if c.path == "3/（一）/1")
    add_note(lib, target.id, "关于原创内容")

    def rewrite(clause):
        kids = tuple(rewrite(c) for c in clause.children)
        text = (
            "1.全新的条文，内容与原先完全不同，讲的是海洋经济。"
            if clause.path == "3/（一）/1"
            else clause.text
        )
        return replace(clause, text=text, children=kids)

    add_document(lib, replace(parsed, clauses=tuple(rewrite(c) for c in parsed.clauses), sha256="rewritten"))
    (orphan,) = list_orphans(lib)
    assert orphan.detail == "关于原创内容" and orphan.clause_text == target.text


def test_a_renumbered_clause_keeps_its_note(seeded_library, seed):
    lib = seeded_library
    parsed = import_file(seed("003"))
    doc = next(d for d in list_documents(lib) if d.title == parsed.metadata.title)
    target = next(c for c in document_clauses(lib, doc.id) if c.path == "3/（一）/2")
    add_note(lib, target.id, "动漫影视")

    def renumber(clause):
        kids = tuple(renumber(c) for c in clause.children)
        if clause.path == "3/（一）/2":  # moved to item 9 and lightly edited
            return replace(
                clause,
                path="3/（一）/9",
                label="9.",
                text=clause.text.replace("承接", "积极承接"),
                children=kids,
            )
        return replace(clause, children=kids)

    add_document(
        lib, replace(parsed, clauses=tuple(renumber(c) for c in parsed.clauses), sha256="renumbered")
    )
    assert list_orphans(lib) == []
    moved = next(c for c in document_clauses(lib, doc.id) if c.path == "3/（一）/9")
    assert [n.text for n in notes_for_clause(lib, moved.id)] == ["动漫影视"]
