"""An export killed mid-write leaves a temp file; the next export of that target sweeps it."""


def test_a_killed_exports_old_temp_file_is_swept_on_the_next_export(tmp_path):
    import os
    import time

    from exporters.docx_writer import write_brief
    from exporters.sample import sample_brief

    target = tmp_path / "简报[1].docx"
    stale = tmp_path / ".~简报[1].docx.dead.tmp"
    fresh = tmp_path / ".~简报[1].docx.live.tmp"  # another export running right now: left alone
    for f in (stale, fresh):
        f.write_bytes(b"partial")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    write_brief(sample_brief(), target)
    assert target.exists() and not stale.exists() and fresh.exists()
