//! The Board pack page's preview, and the session's record of the packs it wrote.
//!
//! - [`preview_board_pack`] builds the very PDF an export of the same request would write (the
//!   same [`options_from_request`] and [`build_report`]), in memory, so the page shows what the
//!   board gets, page for page.
//! - [`WrittenPacks`] writes a pack and remembers where. The app may open a file in the system's
//!   PDF viewer only through [`WrittenPacks::openable`], which refuses any path this session did
//!   not write itself: the UI can ask to open "the pack I just saved", never an arbitrary file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use cairn_core::Plan;
use chrono::NaiveDate;

use crate::report::{build_report, options_from_request, write_report};
use crate::report_dto::{BoardPackDto, BoardPackRequestDto};
use crate::{ApiError, ErrorCode};

/// The PDF bytes of the board pack `request` asks for, dated `today`; nothing is written.
pub fn preview_board_pack(plan: &Plan, request: &BoardPackRequestDto, today: NaiveDate) -> Result<Vec<u8>, ApiError> {
    let options = options_from_request(request, today)?;
    build_report(plan, &options)
}

impl crate::Cairn {
    /// The PDF bytes of the board pack `request` asks for, of the stored plan `plan_id`, dated
    /// `today`; nothing is written. The Board pack page's preview: one call.
    pub fn preview_board_pack(
        &self,
        plan_id: &str,
        request: &BoardPackRequestDto,
        today: NaiveDate,
    ) -> Result<Vec<u8>, ApiError> {
        preview_board_pack(&self.plan(plan_id)?, request, today)
    }

    /// Builds the board pack `request` asks for, of the stored plan `plan_id`, writes it to
    /// `path` (whole or not at all) and records it in `packs` as a file this session may open.
    pub fn save_board_pack(
        &self,
        plan_id: &str,
        request: &BoardPackRequestDto,
        path: &Path,
        today: NaiveDate,
        packs: &WrittenPacks,
    ) -> Result<BoardPackDto, ApiError> {
        packs.write(&self.plan(plan_id)?, request, path, today)
    }
}

/// The board packs written in this session, by canonical path. Clones share one list, so a
/// worker thread can record into the app's.
#[derive(Debug, Default, Clone)]
pub struct WrittenPacks {
    paths: Arc<Mutex<Vec<PathBuf>>>,
}

impl WrittenPacks {
    fn paths(&self) -> MutexGuard<'_, Vec<PathBuf>> {
        // The list is only ever pushed to whole paths, so a poisoned lock still holds a
        // consistent list.
        self.paths.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Builds the pack `request` asks for, writes it to `path` (whole or not at all) and
    /// remembers the file as one this session may open.
    pub fn write(
        &self,
        plan: &Plan,
        request: &BoardPackRequestDto,
        path: &Path,
        today: NaiveDate,
    ) -> Result<BoardPackDto, ApiError> {
        let options = options_from_request(request, today)?;
        let bytes = write_report(plan, &options, path)?;
        let canonical = path.canonicalize().map_err(|e| ApiError::file_io(path, &e))?;
        let mut paths = self.paths();
        if !paths.contains(&canonical) {
            paths.push(canonical);
        }
        Ok(BoardPackDto { path: path.display().to_string(), bytes })
    }

    /// The canonical path of `path` when it is a board pack this session wrote and it is still
    /// a PDF; any other file is refused, so opening it in the system's viewer cannot be used to
    /// launch something else.
    pub fn openable(&self, path: &Path) -> Result<PathBuf, ApiError> {
        let shown = path.display();
        let canonical = path.canonicalize().map_err(|_| {
            ApiError::new(ErrorCode::NotFound, format!("{shown} is no longer there; save the board pack again."))
        })?;
        if !self.paths().contains(&canonical) {
            return Err(ApiError::invalid(
                "path",
                format!("Cairn opens only a board pack it saved in this session, and {shown} is not one."),
            ));
        }
        let is_pdf = canonical.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let mut head = [0_u8; 5];
        let starts_as_pdf =
            std::fs::File::open(&canonical).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == b"%PDF-";
        if !is_pdf || !starts_as_pdf {
            return Err(ApiError::invalid(
                "path",
                format!("{shown} is not a PDF file (any more); Cairn opens only the board packs it saved."),
            ));
        }
        Ok(canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cairn, OpenOptions};

    fn demo() -> (tempfile::TempDir, Plan) {
        let dir = tempfile::tempdir().expect("tmp");
        let (cairn, _) =
            Cairn::open(dir.path(), OpenOptions { seed_demo: true }, chrono::DateTime::UNIX_EPOCH).expect("open");
        let id = cairn.list_plans().expect("plans")[0].id.clone();
        let plan = cairn.plan(&id).expect("plan");
        (dir, plan)
    }

    fn request(paper: &str, sections: &[&str]) -> BoardPackRequestDto {
        BoardPackRequestDto {
            paper: paper.into(),
            layout: None,
            scenario: None,
            sections: sections.iter().map(|s| (*s).to_owned()).collect(),
            label: "Board confidential".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    /// The page sizes of a PDF, in page order, from its uncompressed page objects.
    fn media_boxes(pdf: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(pdf);
        text.match_indices("/MediaBox")
            .filter_map(|(at, _)| {
                let rest = &text[at..];
                rest.find(']').map(|end| rest[..=end].split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect()
    }

    /// The preview is the file an export writes: the same pages in the same sizes. (The bytes
    /// differ only in the random tags printpdf gives each font subset, e.g. "HAGDGD+".)
    #[test]
    fn the_preview_is_the_exported_file() {
        let (dir, plan) = demo();
        let packs = WrittenPacks::default();
        for (paper, sections) in [("a4", vec![]), ("letter", vec!["summary", "cases"])] {
            let r = request(paper, &sections);
            let preview = preview_board_pack(&plan, &r, today()).expect("preview");
            assert!(preview.starts_with(b"%PDF-"));
            let path = dir.path().join(format!("pack-{paper}.pdf"));
            let written = packs.write(&plan, &r, &path, today()).expect("write");
            let file = std::fs::read(&path).expect("read");
            assert_eq!(written.bytes, file.len() as u64);
            let pages = media_boxes(&preview);
            assert!(pages.len() > 2, "{paper}: {pages:?}");
            assert_eq!(media_boxes(&file), pages, "{paper}");
        }
        // The paper and the sections reach the preview.
        let a4 = media_boxes(&preview_board_pack(&plan, &request("a4", &[]), today()).expect("a4"));
        let letter = media_boxes(&preview_board_pack(&plan, &request("letter", &[]), today()).expect("letter"));
        assert_ne!(a4[0], letter[0]);
        let one = media_boxes(&preview_board_pack(&plan, &request("a4", &["summary"]), today()).expect("one"));
        assert!(one.len() < a4.len(), "{} < {}", one.len(), a4.len());
    }

    #[test]
    fn a_bad_request_names_its_field() {
        let (_dir, plan) = demo();
        let err = preview_board_pack(&plan, &request("a3", &[]), today()).expect_err("paper");
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.field.as_deref(), Some("paper"));
        let err = preview_board_pack(&plan, &request("a4", &["gossip"]), today()).expect_err("section");
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn only_a_pack_written_in_this_session_can_be_opened() {
        let (dir, plan) = demo();
        let packs = WrittenPacks::default();
        let path = dir.path().join("board.pdf");
        // Not written yet: it does not exist.
        assert_eq!(packs.openable(&path).expect_err("missing").code, ErrorCode::NotFound);
        packs.write(&plan, &request("a4", &["summary"]), &path, today()).expect("write");
        let opened = packs.openable(&path).expect("openable");
        assert_eq!(opened, path.canonicalize().expect("canonical"));
        // The same file reached another way is still the same file.
        let roundabout = dir.path().join(".").join("board.pdf");
        assert_eq!(packs.openable(&roundabout).expect("same file"), opened);

        // Some other PDF, or any other file, is refused.
        let other = dir.path().join("other.pdf");
        std::fs::write(&other, b"%PDF-1.7 someone else's").expect("write other");
        let err = packs.openable(&other).expect_err("not ours");
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.field.as_deref(), Some("path"));
        assert!(err.message.contains("only a board pack it saved"), "{}", err.message);

        // A pack saved under another extension, or replaced after saving, is not opened.
        let script = dir.path().join("board.desktop");
        packs.write(&plan, &request("a4", &["summary"]), &script, today()).expect("write");
        assert!(packs.openable(&script).expect_err("extension").message.contains("not a PDF"));
        std::fs::write(&path, b"#!/bin/sh\n").expect("overwrite");
        assert!(packs.openable(&path).expect_err("replaced").message.contains("not a PDF"));
    }
}
