//! The `cairn` CLI contract, tested through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn cairn(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).env("CAIRN_DATA_DIR", data).output().expect("cairn runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Drops the bookkeeping line that differs between two exports.
fn without_exported_at(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("\"exported_at\"")).collect::<Vec<_>>().join("\n")
}

#[test]
fn demo_import_plans_export_round_trip() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let demo = tmp.path().join("demo.json");
    let out = cairn(&data, &["demo", "-o", demo.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = cairn(&data, &["import", demo.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = stdout(&out).lines().last().unwrap_or_default().to_owned();
    assert_eq!(last, "imported riverton-it-strategy");

    let out = cairn(&data, &["plans"]);
    assert_eq!(stdout(&out), "riverton-it-strategy\tIT Strategy FY2027–FY2031\n");

    let exported = tmp.path().join("exported.json");
    let out = cairn(&data, &["export", "riverton-it-strategy", "-o", exported.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = std::fs::read_to_string(&demo).expect("demo");
    let b = std::fs::read_to_string(&exported).expect("exported");
    assert_eq!(without_exported_at(&a), without_exported_at(&b));

    // Importing the same file again keeps both, under a new id, and says so.
    let out = cairn(&data, &["import", demo.to_str().expect("utf8")]);
    assert_eq!(stdout(&out).lines().last(), Some("imported riverton-it-strategy-2"));
}

/// Writes `contents` as a plan file, imports it, and expects a failure whose single stderr line
/// contains every one of `expected`; the stored plans must be untouched.
fn check_bad(name: &str, contents: &str, expected: &[&str]) {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let good = tmp.path().join("good.json");
    assert!(cairn(&data, &["demo", "-o", good.to_str().expect("utf8")]).status.success());
    assert!(cairn(&data, &["import", good.to_str().expect("utf8")]).status.success());
    let before = stdout(&cairn(&data, &["plans"]));

    let file = tmp.path().join(name);
    std::fs::write(&file, contents).expect("write");
    let out = cairn(&data, &["import", file.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1), "{name}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{name}: one line, got {err:?}");
    assert!(err.contains(name), "{name}: names the file: {err}");
    for e in expected {
        assert!(err.contains(e), "{name}: {err:?} lacks {e:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(stdout(&cairn(&data, &["plans"])), before, "{name}: stored plans untouched");
}

#[test]
fn bad_files_fail_with_one_clear_line() {
    let demo = cairn_core::write_plan_file(&cairn_core::demo_plan(), chrono::DateTime::UNIX_EPOCH);
    let other_id = demo.replace("riverton-it-strategy", "other");
    check_bad("truncated.json", &other_id[..other_id.len() / 3], &["line ", "EOF while parsing"]);
    check_bad(
        "types.json",
        &other_id.replace("\"years\": 5", "\"years\": \"5\""),
        &["$.plan.settings.horizon.years", "invalid type"],
    );
    check_bad(
        "currency.json",
        &other_id.replace("\"USD\"", "\"ABC\""),
        &["$.plan.settings.currency", "unknown currency code \"ABC\""],
    );
    check_bad(
        "dup.json",
        &other_id.replace("\"goal-digital\"", "\"goal-resilient\""),
        &["$.plan.goals[1].id", "duplicate id"],
    );
    // The first initiative (the cloud landing zone, 2026-07 to 2027-03) made to end before it starts.
    let with_initiative = other_id.replacen("\"end\": \"2027-03\"", "\"end\": \"2026-01\"", 1);
    check_bad("dates.json", &with_initiative, &["$.plan.initiatives[0].end", "before it starts"]);
    check_bad(
        "newer.json",
        &other_id.replace("\"version\": 1", "\"version\": 2"),
        &["version 2", "reads versions 1 to 1"],
    );
    check_bad("notjson.json", "\u{0}\u{1}binary", &["line 1"]);
    check_bad("empty.json", "", &["EOF while parsing"]);
}

#[test]
fn missing_files_and_plans_are_clear_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = cairn(&data, &["import", "/nonexistent/plan.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/plan.json"));
    let out = cairn(&data, &["export", "nope", "-o", tmp.path().join("x.json").to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("No plan has the id \"nope\""));
    assert!(!tmp.path().join("x.json").exists());
}

fn calc(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("calc")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cairn runs");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("cairn finishes")
}

#[test]
fn calc_prints_one_value_with_full_precision() {
    let out = calc(&["NPV", "0.1", "-10000,3000,4200,6800"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    // Full double precision on one line; the spreadsheet's 15 significant digits agree.
    let text = stdout(&out);
    assert!(text.starts_with("1188.44341233522") && text.ends_with('\n') && text.lines().count() == 1, "{text}");
    assert!(text.trim().len() >= 17, "full precision, not rounded for display: {text}");
    let out = calc(&["IRR", "1,2,3"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("#NUM!: values must contain at least one positive and one negative"));
    let out = calc(
        &["XNPV", "0.09", "-10000,2750,4250,3250,2750", "2008-01-01,2008-03-01,2008-10-30,2009-02-15,2009-04-01"],
        None,
    );
    assert!(stdout(&out).starts_with("2086.64760203"), "{}", stdout(&out));
    assert_eq!(calc(&[], None).status.code(), Some(2));
}

#[test]
fn calc_batch_answers_every_line_in_order() {
    let input = "{\"function\": \"NPV\", \"args\": [0.1, [-10000, 3000, 4200, 6800]]}\n\
                 not json\n\
                 \n\
                 {\"function\": \"PMT\", \"args\": [0.1, 0, 1000]}\n\
                 {\"function\": \"IRR\", \"args\": [[-100, 39, 59, 55, 20]]}\n";
    let out = calc(&["--batch", "-"], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[0].starts_with("{\"value\":1188.44341233522"), "{}", lines[0]);
    assert!(lines[1].starts_with("{\"error\":\"#VALUE!\""));
    assert!(lines[2].starts_with("{\"error\":\"#VALUE!\""));
    assert!(lines[3].starts_with("{\"error\":\"#DIV/0!\""));
    assert_eq!(lines[4], "{\"value\":0.2809484211599611}");
}

fn mcda(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).arg("mcda").args(args).output().expect("cairn runs")
}

#[test]
fn mcda_ahp_and_topsis_answer_in_json() {
    let out = mcda(&["ahp", "1,3,5;1/3,1,3;1/5,1/3,1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let w = v["weights"].as_array().expect("weights");
    assert!((w[0].as_f64().expect("w") - 0.6369855717447571).abs() < 1e-9);
    assert!((v["cr"].as_f64().expect("cr") - 0.03319921599842247).abs() < 1e-9);
    for key in ["lambda_max", "ci", "consistent"] {
        assert!(v.get(key).is_some(), "{key}");
    }

    let out = mcda(&["topsis", "--matrix", "7,9,9;8,7,8", "--weights", "0.5,0.3,0.2", "--types", "max,max,min"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["closeness"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["normalization"], "vector");
    let mut ranks: Vec<u64> = v["ranks"].as_array().expect("ranks").iter().filter_map(|r| r.as_u64()).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, [1, 2]);
}

#[test]
fn mcda_bad_matrices_name_row_and_column() {
    for (matrix, expected) in [
        ("1,3;1", "not square"),
        ("1,3;1/2,1", "row 2, column 1"),
        ("1,12;1/12,1", "row 1, column 2"),
        ("1,-3;-1/3,1", "row 1, column 2"),
        ("1,a;1,1", "row 1, column 2"),
    ] {
        let out = mcda(&["ahp", matrix]);
        assert_eq!(out.status.code(), Some(1), "{matrix}");
        assert!(stderr(&out).contains(expected), "{matrix}: {}", stderr(&out));
    }
}

#[test]
fn scenario_list_and_compare() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("demo.json");
    let file_arg = file.to_str().expect("utf-8 path");
    assert!(cairn(dir.path(), &["demo", "-o", file_arg]).status.success());

    let list = cairn(dir.path(), &["scenario", "list", file_arg]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert_eq!(
        stdout(&list).lines().collect::<Vec<_>>(),
        [
            "scenario-cautious\tCautious benefits\tplan\t4 overrides",
            "scenario-budget-cut\tBudget cut 15 % from FY2028\tplan\t10 overrides",
            "baseline-approved\tBoard approved, June 2026\tbaseline\t2026-06-23"
        ]
    );

    let json = cairn(dir.path(), &["scenario", "compare", file_arg, "plan", "Cautious benefits", "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let npv = |i: usize| v["variants"][i]["portfolio_npv"].as_f64().expect("npv");
    assert!(npv(1) < npv(0));
    assert_eq!(v["differences"][0].as_array().map(Vec::len), Some(4));
    assert_eq!(v["variants"][0]["spend"][0]["year"], "FY2027");
    // The roadmap's spend against the ceilings, the schedule's end and critical path.
    assert_eq!(v["variants"][0]["over_ceiling"][0]["year"], "FY2027");
    assert!(v["variants"][0]["critical_path"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(v["variants"][0]["roadmap_end"].is_string());
    assert!(v["variants"][0]["cases"][0]["payback_years"].is_number());

    let cut = cairn(dir.path(), &["scenario", "compare", file_arg, "plan", "scenario-budget-cut"]);
    assert!(cut.status.success(), "{}", stderr(&cut));
    let text = stdout(&cut);
    assert!(text.contains("Years over the ceiling"), "{text}");
    assert!(text.contains("FY2028 spend, capex + opex"), "{text}");
    assert!(text.contains("Critical path of “Budget cut 15 % from FY2028”:"), "{text}");
    assert!(text.contains("Initiative “Modern workplace devices”: in the plan → removed"), "{text}");

    let table = cairn(dir.path(), &["scenario", "compare", file_arg, "plan", "baseline-approved"]);
    assert!(
        stdout(&table).contains("Business case “ERP replacement”: discount rate: 6 % → 5.5 %"),
        "{}",
        stdout(&table)
    );

    let unknown = cairn(dir.path(), &["scenario", "compare", file_arg, "plan", "Nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no scenario or baseline is called \"Nope\""), "{}", stderr(&unknown));
}

#[test]
fn roadmap_schedule_and_budget() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("demo.json");
    let file_arg = file.to_str().expect("utf-8 path");
    assert!(cairn(dir.path(), &["demo", "-o", file_arg]).status.success());

    let table = cairn(dir.path(), &["roadmap", "schedule", file_arg]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    assert!(text.starts_with("Initiative "), "{text}");
    assert!(
        text.contains(
            "Critical path: ERP procurement and vendor selection → ERP wave 1: finance and procurement → \
             ERP wave 2: HR and payroll → Legacy system decommissioning"
        ),
        "{text}"
    );
    assert!(text.contains("Roadmap: 2026-07 to 2031-06"), "{text}");

    let json = cairn(dir.path(), &["roadmap", "schedule", file_arg, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let rows = v["initiatives"].as_array().expect("rows");
    assert_eq!(rows.len(), 26);
    let erp = rows.iter().find(|r| r["id"] == "erp-finance").expect("ERP wave 1");
    assert_eq!(
        (&erp["early_start"], &erp["early_finish"], &erp["total_float_months"]),
        (&"2027-04".into(), &"2029-03".into(), &0.into())
    );
    assert_eq!(erp["critical"], true);
    assert_eq!(v["critical_path"][0], "erp-selection");
    assert_eq!(v["finish"], "2031-06");

    let csv = cairn(dir.path(), &["roadmap", "budget", file_arg]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let csv = stdout(&csv);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "fiscal_year,theme_id,theme,capex,opex,total,ceiling,over_under");
    // Five fiscal years × (six themes + the year's total).
    assert_eq!(lines.len(), 1 + 5 * 7);
    assert!(
        lines.contains(&"FY2027,theme-cyber,Cybersecurity and resilience,1700000,1120000,2820000,2500000,320000"),
        "{csv}"
    );
    assert!(lines.contains(&"FY2027,,All themes,13600000,6580000,20180000,19000000,1180000"), "{csv}");

    let json = cairn(dir.path(), &["roadmap", "budget", file_arg, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["years"][0]["over_by"], "1180000");
    assert_eq!(v["themes"][1]["name"], "Cybersecurity and resilience");

    // A cycle is refused by name, before anything is printed.
    let text = std::fs::read_to_string(&file).expect("read").replacen(
        "\"dependencies\": [],",
        "\"dependencies\": [{\"on\": \"legacy-decom\"}],",
        1,
    );
    std::fs::write(&file, text).expect("write");
    let bad = cairn(dir.path(), &["roadmap", "schedule", file_arg]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("the dependencies form a cycle"), "{}", stderr(&bad));
    assert!(stdout(&bad).is_empty());
}

/// Imports the demo plan under `id` (a plan file written with that id).
fn import_as(data: &Path, dir: &Path, id: &str) -> Output {
    let text = cairn_core::write_plan_file(&cairn_core::demo_plan(), chrono::DateTime::UNIX_EPOCH)
        .replace("riverton-it-strategy", id);
    let file = dir.join(format!("{id}.json"));
    std::fs::write(&file, text).expect("write");
    cairn(data, &["import", file.to_str().expect("utf8")])
}

/// Overwrites the middle of every file of the database with garbage.
fn damage(db: &Path) {
    for entry in std::fs::read_dir(db).expect("db") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let mut bytes = std::fs::read(&path).expect("read");
            let n = bytes.len();
            bytes.iter_mut().skip(n / 4).take(n / 2).for_each(|b| *b = 0xA5);
            std::fs::write(&path, bytes).expect("write");
        }
    }
}

/// `20261122T090000Z` TAB `2026-11-22 09:00 UTC` TAB `<n> plan(s)`: the listing's contract.
fn backup_line(line: &str) -> (String, String, String) {
    let parts: Vec<&str> = line.split('\t').collect();
    assert_eq!(parts.len(), 3, "{line:?}");
    let name = chrono::NaiveDateTime::parse_from_str(parts[0], "%Y%m%dT%H%M%SZ").expect("name is a time");
    assert_eq!(parts[1], name.format("%Y-%m-%d %H:%M UTC").to_string(), "{line:?}");
    (parts[0].to_owned(), parts[1].to_owned(), parts[2].to_owned())
}

#[test]
fn restore_lists_backups_and_rebuilds_a_damaged_database_with_the_last_import() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = cairn(&data, &["restore"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("error: No backup was found in {}\n", data.join("backups").display()));

    // Two imports, two processes: the backup each leaves holds its own change.
    assert!(import_as(&data, tmp.path(), "first").status.success());
    assert!(import_as(&data, tmp.path(), "second").status.success());
    let out = cairn(&data, &["restore"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = stdout(&out);
    let (name, date, plans) = backup_line(listing.lines().next().expect("a backup"));
    assert_eq!(plans, "2 plans", "{listing}");

    damage(&data.join("db"));
    let out = cairn(&data, &["plans"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    for part in [
        "is damaged and cannot be read",
        "Nothing has been changed or deleted",
        &format!("The newest backup is from {date}"),
        &format!("`cairn restore {name}`"),
    ] {
        assert!(err.contains(part), "{err:?} lacks {part:?}");
    }

    let out = cairn(&data, &["restore", &name]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let aside = lines[0].strip_prefix("set aside ").expect("first line names the folder set aside");
    assert!(Path::new(aside).starts_with(&data) && aside.contains("db.damaged-"), "{aside}");
    assert!(Path::new(aside).is_dir(), "kept, not deleted");
    assert_eq!(lines[1], format!("restored 2 plans from backup {name} ({date})"));
    assert_eq!(
        stdout(&cairn(&data, &["plans"])),
        "first\tIT Strategy FY2027–FY2031\nsecond\tIT Strategy FY2027–FY2031\n"
    );

    let out = cairn(&data, &["restore", "yesterday"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: There is no backup \"yesterday\" in {} (list them with `cairn restore`)\n",
            data.join("backups").display()
        )
    );
}

#[test]
fn a_deleted_database_is_reported_missing_with_its_backup_not_as_empty() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    // A first run (no database, no backups) is a first run.
    let out = cairn(&data, &["plans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");

    assert!(import_as(&data, tmp.path(), "kept").status.success());
    std::fs::remove_dir_all(data.join("db")).expect("rm -rf db");
    let out = cairn(&data, &["plans"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: The database in {} is missing, but backups exist. ",
            data.join("db").display()
        )),
        "{err}"
    );
    let listing = stdout(&cairn(&data, &["restore"]));
    let (name, _, _) = backup_line(listing.lines().next().expect("a backup"));
    assert!(err.contains(&format!("`cairn restore {name}`")), "{err}");

    let out = cairn(&data, &["restore", &name]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("restored 1 plan from backup "), "nothing to set aside: {}", stdout(&out));
    assert_eq!(stdout(&cairn(&data, &["plans"])), "kept\tIT Strategy FY2027–FY2031\n");
}

/// Runs `mount`; false when this is not possible here (not root, not Linux).
fn try_mount(args: &[&str]) -> bool {
    Command::new("mount").args(args).output().is_ok_and(|o| o.status.success())
}

#[test]
fn a_full_disk_still_lists_and_exports_every_committed_plan() {
    let tmp = tempfile::tempdir().expect("tmp");
    let disk = tmp.path().join("disk");
    std::fs::create_dir(&disk).expect("mkdir");
    if !try_mount(&["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.to_str().expect("utf8")]) {
        eprintln!("skipped: mounting a 2 MB tmpfs needs root on Linux");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&disk);
    let data = disk.join("data");
    let mut committed = Vec::new();
    let mut full = None;
    for n in 0..200 {
        let id = format!("plan-{n}");
        let out = import_as(&data, tmp.path(), &id);
        if out.status.success() {
            committed.push(id);
        } else {
            full = Some(stderr(&out));
            break;
        }
    }
    let full = full.expect("the disk filled up");
    assert!(full.starts_with("error: The disk is full: the change was not saved"), "{full}");
    assert!(!committed.is_empty());
    // Reads work; every committed plan is listed and exports (to another disk).
    let out = cairn(&data, &["plans"]);
    assert!(out.status.success(), "plans on a full disk: {}", stderr(&out));
    let listed: Vec<String> =
        stdout(&out).lines().map(|l| l.split('\t').next().unwrap_or_default().to_owned()).collect();
    let mut expected = committed.clone();
    expected.sort();
    assert_eq!(listed, expected);
    for id in &committed {
        let file = tmp.path().join(format!("{id}.out.json"));
        let out = cairn(&data, &["export", id, "-o", file.to_str().expect("utf8")]);
        assert!(out.status.success(), "export {id} on a full disk: {}", stderr(&out));
        assert!(std::fs::read_to_string(&file).expect("written").contains(&format!("\"{id}\"")));
    }
    // A change still fails with the clear message, and loses nothing.
    let out = import_as(&data, tmp.path(), "one-more");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: The disk is full: the change was not saved"), "{}", stderr(&out));
    assert_eq!(stdout(&cairn(&data, &["plans"])).lines().count(), committed.len());
}
