//! The Risks page on the demo: a risk added through the editor (a bad probability refused
//! beside its field first) shows in the heat map's count and is flagged above appetite; one undo
//! takes it away again; a case's risk chip opens the page filtered to the case.

use fantoccini::Locator;

use super::DEMO_TITLE;
use crate::driver::{App, css};

/// The count a heat-map cell shows (empty when none).
async fn cell_count(app: &App, test_id: &str) -> Result<u32, fantoccini::error::CmdError> {
    let el = app.ready(css(test_id)).await?;
    let text = el.prop("textContent").await?.unwrap_or_default();
    Ok(text.trim().parse().unwrap_or(0))
}

/// Waits (10 s at most) until the cell shows `want`.
async fn wait_count(app: &App, test_id: &str, want: u32) -> Result<(), fantoccini::error::CmdError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let got = cell_count(app, test_id).await?;
        if got == want {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            app.screenshot(&format!("wait-{test_id}")).await;
            panic!("{test_id} shows {got}, not {want}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs a display and tauri-driver: run through `make test`"]
async fn a_risk_added_on_the_risks_page_counts_in_the_heat_map_and_undo_removes_it() {
    let data = tempfile::tempdir().expect("tmp");
    let app = App::launch(data.path()).await;
    let result = async {
        app.wait_text("overview-title", DEMO_TITLE).await?;
        app.click("nav-risks").await?;
        app.wait_text("risks-summary", "17 risks").await?;
        app.wait_text("heat-residual-total", "17 risks").await?;
        // The demo flags ransomware (residual 12) above the cyber appetite of 8.
        app.ready(css("risk-above-risk-ransomware")).await?;
        let cell = "heat-residual-4-4";
        let before = cell_count(&app, cell).await?;
        app.screenshot("risks-page").await;

        app.click("risk-add").await?;
        app.type_into("risk-title", "Vendor lock-in on the ERP platform").await?;
        app.type_into("risk-owner", "CIO").await?;
        app.type_into("risk-event", "The ERP vendor raises its subscription price at renewal").await?;
        app.click_text_at(Locator::Css("[data-testid='risk-residual-likelihood'] option"), "4 · Likely").await?;
        app.click_text_at(Locator::Css("[data-testid='risk-residual-impact'] option"), "4 · Major").await?;
        app.click_text_at(Locator::Css("[data-testid='risk-link-case'] option"), "ERP replacement").await?;
        // Bad input: Rust names the field and nothing typed is lost.
        app.type_into("risk-probability", "lots").await?;
        app.click("risk-save").await?;
        app.wait_text("risk-quant", "is not a percentage").await?;
        app.screenshot("risk-editor-error").await;
        let title = app.ready(css("risk-title")).await?.prop("value").await?.unwrap_or_default();
        assert_eq!(title, "Vendor lock-in on the ERP platform", "the draft is kept");
        app.type_into("risk-probability", "20").await?;
        app.click("risk-save").await?;

        app.wait_text("heat-residual-total", "18 risks").await?;
        wait_count(&app, cell, before + 1).await?;
        app.wait_text("risks-summary", "18 risks").await?;
        app.ready(css("risk-above-vendor-lock-in-on-the-erp-platform")).await?;
        app.screenshot("risk-added").await;

        // Clicking the cell lists its risks only.
        app.click(cell).await?;
        app.wait_text("risks-shown", &format!("{} of 18 shown", before + 1)).await?;
        app.wait_text("risk-table", "Vendor lock-in on the ERP platform").await?;
        app.screenshot("risk-cell-filter").await;
        app.click("filter-clear").await?;

        // One undo takes the addition back.
        app.click("undo").await?;
        app.wait_text("heat-residual-total", "17 risks").await?;
        wait_count(&app, cell, before).await?;
        app.screenshot("risk-undone").await;

        // The ERP case's chip counts its open risks and opens the page filtered to the case.
        app.click("nav-cases").await?;
        app.wait_text("case-title", "ERP replacement").await?;
        app.wait_text("risk-chip", "open risk").await?;
        app.screenshot("case-risk-chip").await;
        app.click("risk-chip").await?;
        app.wait_text("risks-shown", "of 17 shown").await?;
        let shown = app.texts("risk-row").await?;
        assert!(!shown.is_empty() && shown.len() < 17, "filtered to the case: {}", shown.len());
        app.screenshot("risks-of-case").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    app.close().await;
    result.expect("check failed");
}
