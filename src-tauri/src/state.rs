//! The app's state: the open data directory, or the reason it could not be opened.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock, RwLockReadGuard};

use cairn_api::dto::{BackupDto, StartupDto};
use cairn_api::{ApiError, Cairn, ErrorCode, OpenOptions};
use chrono::{DateTime, Utc};

enum Inner {
    /// Open. `damage` is the first damage a use case ran into after opening (the database
    /// opened, but a record could not be read): from then on the app offers a restore.
    Ready {
        // Shared: a long call (a board pack) runs on a worker thread with its own handle.
        cairn: Arc<Cairn>,
        fresh: bool,
        damage: Option<ApiError>,
    },
    Failed(ApiError),
}

/// Managed by Tauri; every command goes through [`AppState::with`].
pub struct AppState {
    data_dir: PathBuf,
    inner: RwLock<Inner>,
    /// Set to stop the running simulation (one runs at a time: the UI disables Run meanwhile).
    simulation_cancel: Arc<AtomicBool>,
    /// Set to stop the running schedule risk simulation (the roadmap's Confidence view).
    schedule_cancel: Arc<AtomicBool>,
}

impl AppState {
    /// Opens the data directory (`CAIRN_DATA_DIR` or the platform's), seeding the demo plan in
    /// a new one. A failure is kept and shown by the UI; the app still starts.
    pub fn open(now: DateTime<Utc>) -> AppState {
        match cairn_api::default_data_dir() {
            Ok(dir) => AppState::open_at(dir, now),
            Err(e) => AppState {
                data_dir: PathBuf::new(),
                inner: RwLock::new(Inner::Failed(e)),
                simulation_cancel: Arc::default(),
                schedule_cancel: Arc::default(),
            },
        }
    }

    /// Opens a given data directory.
    pub fn open_at(data_dir: PathBuf, now: DateTime<Utc>) -> AppState {
        let inner = match Cairn::open(&data_dir, OpenOptions { seed_demo: true }, now) {
            Ok((cairn, opened)) => Inner::Ready { cairn: Arc::new(cairn), fresh: opened.fresh, damage: None },
            Err(e) => Inner::Failed(e),
        };
        AppState {
            data_dir,
            inner: RwLock::new(inner),
            simulation_cancel: Arc::default(),
            schedule_cancel: Arc::default(),
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        // A panic in a command cannot leave `Inner` half-changed (it is only replaced whole),
        // so a poisoned lock is still safe to read.
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The flag that cancels the running simulation.
    pub fn simulation_cancel(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.simulation_cancel)
    }

    /// The flag that cancels the running schedule risk simulation.
    pub fn schedule_cancel(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.schedule_cancel)
    }

    /// Runs a use case on the open data directory. Damage found on the way is remembered, so
    /// that [`AppState::startup`] reports it and a restore is allowed.
    pub fn with<T>(&self, f: impl FnOnce(&Cairn) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let result = match &*self.read() {
            Inner::Ready { cairn, .. } => f(cairn),
            Inner::Failed(e) => return Err(e.clone()),
        };
        self.note_damage(&result);
        result
    }

    /// Runs `f` with the open Cairn on a worker thread, so that a long call (building a board
    /// pack) keeps the window responsive and holds no lock while it runs.
    pub async fn with_off_thread<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Cairn) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let cairn = match &*self.read() {
            Inner::Ready { cairn, .. } => Arc::clone(cairn),
            Inner::Failed(e) => return Err(e.clone()),
        };
        let result = tauri::async_runtime::spawn_blocking(move || f(&cairn))
            .await
            .unwrap_or_else(|e| Err(ApiError::new(ErrorCode::Io, format!("the work stopped: {e}"))));
        self.note_damage(&result);
        result
    }

    /// Remembers a damaged database that a call found, so the startup status offers a restore.
    fn note_damage<T>(&self, result: &Result<T, ApiError>) {
        if let Err(e) = result
            && e.code == ErrorCode::DatabaseDamaged
        {
            let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
            if let Inner::Ready { damage: damage @ None, .. } = &mut *inner {
                *damage = Some(e.clone());
            }
        }
    }

    /// How the start went.
    pub fn startup(&self) -> StartupDto {
        let data_dir = self.data_dir.display().to_string();
        match &*self.read() {
            Inner::Ready { fresh, damage: None, .. } => StartupDto::Ready { data_dir, fresh: *fresh },
            Inner::Ready { damage: Some(error), .. } | Inner::Failed(error) => {
                let newest_backup =
                    (error.code == ErrorCode::DatabaseDamaged).then(|| Cairn::newest_backup(&self.data_dir)).flatten();
                StartupDto::Failed { data_dir, error: error.clone(), newest_backup }
            }
        }
    }

    /// Restores the newest backup over a damaged or missing database (the UI asked the user
    /// first): when opening failed, or when the open database was found damaged since.
    pub fn restore_newest_backup(&self, now: DateTime<Utc>) -> Result<BackupDto, ApiError> {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        let damage = match &*inner {
            Inner::Failed(e) | Inner::Ready { damage: Some(e), .. } if e.code == ErrorCode::DatabaseDamaged => {
                e.clone()
            }
            _ => return Err(ApiError::new(ErrorCode::InvalidInput, "the database is not damaged; nothing to restore")),
        };
        // Close the open store first: it holds the data directory's lock.
        *inner = Inner::Failed(damage.clone());
        match Cairn::restore_newest_backup(&self.data_dir, now) {
            Ok((cairn, backup)) => {
                *inner = Inner::Ready { cairn: Arc::new(cairn), fresh: false, damage: None };
                Ok(backup)
            }
            Err(e) => {
                // The database could not be set aside or rebuilt: try it again as it is now, so
                // that whatever still reads stays reachable; else keep the first reason.
                *inner = match Cairn::open(&self.data_dir, OpenOptions { seed_demo: false }, now) {
                    Ok((cairn, _)) => Inner::Ready { cairn: Arc::new(cairn), fresh: false, damage: Some(damage) },
                    Err(_) => Inner::Failed(damage),
                };
                Err(e)
            }
        }
    }
}
