//! Starting the real app under tauri-driver and talking to it through fantoccini.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};

/// The locator of a `data-testid`.
pub fn css(test_id: &str) -> Locator<'static> {
    Locator::Css(Box::leak(format!("[data-testid='{test_id}']").into_boxed_str()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// The environment variable that makes the app's file dialogs answer with a file: the test seam
/// of `src-tauri/src/files.rs` (`DIALOG_ANSWER_VAR` there; this crate does not link the app).
const DIALOG_ANSWER_VAR: &str = "CAIRN_E2E_DIALOG_ANSWER";

/// The app these tests drive: `CAIRN_APP` if set, else the `cairn-app` that `cargo build -p
/// cairn-app` wrote in this build's target directory (where `make run` starts it from too).
fn app_binary() -> String {
    let path = std::env::var_os("CAIRN_APP").map(PathBuf::from).unwrap_or_else(|| {
        // This test runs as <target>/<profile>/deps/e2e-<hash>.
        let exe = std::env::current_exe().expect("the test's own path");
        exe.parent().and_then(Path::parent).map(|dir| dir.join("cairn-app")).expect("a target directory")
    });
    assert!(
        path.is_file(),
        "the app is not built at {}: run `cargo build -p cairn-app` first (`make e2e` does), or set CAIRN_APP",
        path.display()
    );
    path.display().to_string()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    let candidate = home.join("bin/tauri-driver");
    if candidate.exists() { candidate } else { PathBuf::from("tauri-driver") }
}

/// A tauri-driver process, stopped with SIGTERM (so it also stops WebKitWebDriver) when dropped,
/// including when a test panics.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running app with its driver; call [`App::close`] when done, also after a failed check.
pub struct App {
    pub client: Client,
    driver: Driver,
    data_dir: PathBuf,
}

impl App {
    /// Starts tauri-driver on fresh ports and opens the app on `data_dir`.
    pub async fn launch(data_dir: &Path) -> App {
        App::launch_with(data_dir, None).await
    }

    /// Starts the app so that its file dialogs answer with `file` instead of showing themselves
    /// (WebDriver cannot drive a native dialog): the test seam of `src-tauri/src/files.rs`, an
    /// environment variable only the launching process can set, never the page.
    pub async fn launch_answering_dialogs_with(data_dir: &Path, file: &Path) -> App {
        App::launch_with(data_dir, Some(file)).await
    }

    async fn launch_with(data_dir: &Path, dialog_answer: Option<&Path>) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need a display: run them through `make test` (Xvfb)"
        );
        wait_for_unlock(data_dir);
        let (port, native_port) = (free_port(), free_port());
        let mut command = Command::new(tauri_driver());
        command.env_remove(DIALOG_ANSWER_VAR);
        if let Some(file) = dialog_answer {
            command.env(DIALOG_ANSWER_VAR, file);
        }
        let driver = Driver(
            command
                .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
                .env("CAIRN_DATA_DIR", data_dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver starts (cargo install tauri-driver --version '^2' --locked)"),
        );
        // tauri-driver starts WebKitWebDriver on the native port before it listens itself; a
        // session is asked for only once both listen, so the request is not dropped mid-answer.
        let deadline = Instant::now() + Duration::from_secs(20);
        for listening in [port, native_port] {
            while std::net::TcpStream::connect(("127.0.0.1", listening)).is_err() {
                assert!(Instant::now() < deadline, "tauri-driver or WebKitWebDriver did not listen on {listening}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app_binary() }));
        // tauri-driver listens before the WebKitWebDriver behind it is ready; a session asked
        // for too early is dropped mid-answer. Ask again until it is (20 s at most).
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("WebDriver session not ready yet ({e}); retrying");
                    // A dropped answer may still have started an app, which holds the data
                    // directory: the next one would only show "Cairn is already open".
                    stop_apps_on(data_dir);
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => panic!("no WebDriver session with the app within 20 s: {e}"),
            }
        };
        App { client, driver, data_dir: data_dir.to_owned() }
    }

    /// Waits until the element's text contains `expected` (10 s at most).
    pub async fn wait_text(&self, test_id: &str, expected: &str) -> Result<(), CmdError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(css(test_id)).await {
                last = visible_text(&el).await;
                if last.to_lowercase().contains(&expected.to_lowercase()) {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot(&format!("wait-{test_id}")).await;
        let page = self.page_text().await;
        panic!("[data-testid={test_id}] never showed {expected:?}; last text {last:?}; the page showed {page:?}");
    }

    /// The start of the page's text, for a failure message: what a person would have seen.
    pub async fn page_text(&self) -> String {
        let text = match self.client.find(Locator::Css("body")).await {
            Ok(body) => visible_text(&body).await,
            Err(e) => format!("(no page: {e})"),
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.chars().take(400).collect()
    }

    /// The texts of every element with this test id.
    pub async fn texts(&self, test_id: &str) -> Result<Vec<String>, CmdError> {
        self.client.wait().at_most(Duration::from_secs(10)).for_element(css(test_id)).await?;
        let mut out = Vec::new();
        for el in self.client.find_all(css(test_id)).await? {
            out.push(visible_text(&el).await);
        }
        Ok(out)
    }

    /// Waits (10 s at most) until the element is in the page, displayed and enabled, then scrolls
    /// it into the middle of the view and returns it. Every step that acts on an element goes
    /// through here (or [`App::act`]), so a step never acts on something a person could not yet
    /// see or use: the cause of `ElementNotInteractable` failures on a loaded machine.
    pub async fn ready(&self, locator: Locator<'_>) -> Result<Element, CmdError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let state = async {
                let el = self.client.find(locator).await?;
                let usable = el.is_displayed().await? && el.is_enabled().await?;
                Ok::<_, CmdError>((el, usable))
            }
            .await;
            match state {
                Ok((el, true)) => {
                    self.scroll_into_view(&el).await?;
                    return Ok(el);
                }
                Ok((_, false)) if Instant::now() < deadline => {}
                Err(e) if Instant::now() < deadline && retryable(&e) => {}
                Ok((_, false)) => {
                    self.screenshot("not-ready").await;
                    panic!("{locator:?} is in the page but never became visible and enabled");
                }
                Err(e) => return Err(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls the element into the middle of the view, as a person would before using it.
    async fn scroll_into_view(&self, el: &Element) -> Result<(), CmdError> {
        let arg = serde_json::to_value(el).map_err(CmdError::Json)?;
        self.client
            .execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' }); return null;", vec![arg])
            .await
            .map(|_| ())
    }

    /// Acts on the element once it is [ready](App::ready), trying again (10 s at most) while the
    /// page is still settling: the element was replaced, covered or not yet interactable.
    pub async fn act(&self, locator: Locator<'_>, action: Action<'_>) -> Result<(), CmdError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let el = self.ready(locator).await?;
            let done = match action {
                Action::Click => el.click().await,
                Action::Select(value) => el.select_by_value(value).await,
                Action::Type(text) => match el.clear().await {
                    Ok(()) => el.send_keys(text).await,
                    Err(e) => Err(e),
                },
                Action::Keys(keys) => el.send_keys(keys).await,
            };
            match done {
                Err(e) if Instant::now() < deadline && retryable(&e) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => return other,
            }
        }
    }

    /// Clicks the element with this test id once it can be clicked.
    pub async fn click(&self, test_id: &str) -> Result<(), CmdError> {
        self.act(css(test_id), Action::Click).await
    }

    /// Chooses the option with this value in the select with this test id.
    pub async fn select(&self, test_id: &str, value: &str) -> Result<(), CmdError> {
        self.act(css(test_id), Action::Select(value)).await
    }

    /// Clicks the first element matching `locator` whose text contains `text`, once it can be
    /// clicked.
    pub async fn click_text_at(&self, locator: Locator<'_>, text: &str) -> Result<(), CmdError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            self.ready(locator).await?;
            let mut found = None;
            for el in self.client.find_all(locator).await? {
                if visible_text(&el).await.contains(text) {
                    found = Some(el);
                    break;
                }
            }
            let done = match found {
                Some(el) => {
                    self.scroll_into_view(&el).await?;
                    el.click().await
                }
                None if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                None => panic!("no {locator:?} with text {text:?}"),
            };
            match done {
                Err(e) if Instant::now() < deadline && retryable(&e) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => return other,
            }
        }
    }

    /// Replaces the contents of an input.
    pub async fn type_into(&self, test_id: &str, text: &str) -> Result<(), CmdError> {
        self.act(css(test_id), Action::Type(text)).await
    }

    /// Renames the open plan through the switcher's Rename dialog and waits for the new title.
    pub async fn rename_open_plan(&self, name: &str) -> Result<(), CmdError> {
        self.click("plan-switcher").await?;
        self.click("plan-rename").await?;
        self.type_into("rename-input", name).await?;
        self.click("rename-submit").await?;
        self.wait_text("overview-title", name).await
    }

    /// Saves a screenshot under `target/e2e-screenshots/` for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Ends the session (which closes the app), stops the driver with SIGTERM so it stops
    /// WebKitWebDriver too, and waits until the app has released the data directory.
    pub async fn close(self) {
        let _ = self.client.close().await;
        drop(self.driver);
        wait_for_unlock(&self.data_dir);
    }
}

/// What [`App::act`] does to an element.
#[derive(Clone, Copy)]
pub enum Action<'a> {
    Click,
    /// Chooses the option with this value.
    Select(&'a str),
    /// Clears the input, then types.
    Type(&'a str),
    /// Sends keys without clearing first.
    Keys(&'a str),
}

/// Errors that mean "not yet": the page is still drawing or replacing the element.
fn retryable(e: &CmdError) -> bool {
    e.is_no_such_element()
        || e.is_element_not_interactable()
        || e.is_stale_element_reference()
        || matches!(e, CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::ElementClickIntercepted)
}

/// The element's rendered text. WebKitWebDriver returns "" for the rendered text of some
/// buttons that plainly show text (seen on the plan switcher); fall back to `textContent`.
async fn visible_text(el: &fantoccini::elements::Element) -> String {
    match el.text().await {
        Ok(t) if !t.trim().is_empty() => t,
        _ => el.prop("textContent").await.ok().flatten().unwrap_or_default(),
    }
}

/// Waits until no process holds the data directory's lock: 20 s for an app that is closing,
/// then its process is stopped (an app the driver lost track of would otherwise hold the
/// directory for the rest of the run). Panics if the lock is still held after that.
fn wait_for_unlock(data_dir: &Path) {
    if unlocked_within(data_dir, Duration::from_secs(20)) {
        return;
    }
    let stopped = stop_apps_on(data_dir);
    assert!(
        unlocked_within(data_dir, Duration::from_secs(10)),
        "an app still holds {} after 30 s ({stopped} app process(es) on it stopped)",
        data_dir.display()
    );
}

fn unlocked_within(data_dir: &Path, patience: Duration) -> bool {
    let lock = data_dir.join("cairn.lock");
    let deadline = Instant::now() + patience;
    loop {
        if !lock.exists() || matches!(std::fs::File::open(&lock).map(|f| f.try_lock()), Ok(Ok(()))) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Stops (SIGKILL) every process started with `CAIRN_DATA_DIR` set to `data_dir`, found through
/// `/proc`; the end-to-end tests run on Linux only. Returns how many it stopped.
fn stop_apps_on(data_dir: &Path) -> usize {
    let wanted = format!("CAIRN_DATA_DIR={}", data_dir.display()).into_bytes();
    let me = std::process::id();
    let app = std::fs::canonicalize(app_binary()).ok();
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    let mut stopped = 0;
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        if pid == me {
            continue;
        }
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else { continue };
        let is_app = std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| Some(exe) == app);
        if is_app && environ.split(|b| *b == 0).any(|var| var == wanted.as_slice()) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            stopped += 1;
        }
    }
    stopped
}
