//! The native menu. Items do nothing here: their ids reach the UI as a `menu` event, where the
//! same handlers as the buttons run, so a menu item and its button cannot behave differently.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Builds the menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, text: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(id, text);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new-plan", "New plan…", Some("CmdOrCtrl+N"))?)
        .item(&item("import", "Import plan file…", Some("CmdOrCtrl+O"))?)
        .item(&item("export", "Export plan file…", Some("CmdOrCtrl+E"))?)
        .separator()
        .item(&item("settings", "Plan settings…", Some("CmdOrCtrl+,"))?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit Cairn"))?)
        .build()?;
    // Undo and redo carry no accelerator: Ctrl+Z is handled by the page, which leaves it to a
    // text field that has focus (a menu accelerator would take it from the field).
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo (Ctrl+Z)", None)?)
        .item(&item("redo", "Redo (Ctrl+Shift+Z)", None)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;
    let plan = SubmenuBuilder::new(app, "Plan")
        .item(&item("rename", "Rename…", None)?)
        .item(&item("duplicate", "Duplicate", None)?)
        .item(&item("delete", "Delete…", None)?)
        .build()?;
    MenuBuilder::new(app).item(&file).item(&edit).item(&plan).build()
}

/// Sends a menu item's id to the page.
pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    // If the page is gone there is nobody to tell; the menu click is simply dropped.
    let _ = app.emit("menu", event.id().0.as_str());
}
