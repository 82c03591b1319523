//! Query timeouts: one background thread cancels the queries that ran past their deadline.
//!
//! Oxigraph's evaluator checks a [`CancellationToken`] while it runs, so cancelling stops both
//! evaluation and serialisation. One thread serves every query (rather than a sleeping thread per
//! query, which a flood of requests would multiply).
//!
//! Oxigraph checks the token when it reads the store, not inside in-memory joins, so a query can
//! outlive its deadline for a while: queries therefore run in worker threads bounded by [`Slots`],
//! and the client gets its answer (or a timeout) on time whatever the worker does.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

#[derive(Default)]
struct Shared {
    /// Running queries by id: deadline and token.
    running: Mutex<BTreeMap<u64, (Instant, CancellationToken)>>,
    wake: Condvar,
    next_id: AtomicU64,
}

/// Handle to the watchdog thread (cheap to clone).
#[derive(Clone)]
pub(super) struct Watchdog {
    shared: Arc<Shared>,
}

/// Unregisters a query from the watchdog when dropped.
pub(super) struct Guard {
    shared: Arc<Shared>,
    id: u64,
    token: CancellationToken,
}

impl Guard {
    /// The token to give the evaluator.
    pub(super) fn token(&self) -> CancellationToken {
        self.token.clone()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.id);
    }
}

impl Watchdog {
    /// Starts the watchdog thread. It lives as long as the process (the server never stops
    /// before it), sleeping until the earliest deadline.
    pub(super) fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let worker = Arc::clone(&shared);
        // If the thread cannot be spawned, queries simply run without a deadline.
        let _ = thread::Builder::new()
            .name("newskg query watchdog".into())
            .spawn(move || watch(&worker));
        Self { shared }
    }

    /// Registers a query that must end within `timeout`.
    pub(super) fn guard(&self, timeout: Duration) -> Guard {
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let token = CancellationToken::new();
        let deadline = Instant::now() + timeout;
        self.shared
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, (deadline, token.clone()));
        self.shared.wake.notify_one();
        Guard {
            shared: Arc::clone(&self.shared),
            id,
            token,
        }
    }
}

fn watch(shared: &Shared) {
    let mut running = shared
        .running
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    loop {
        let now = Instant::now();
        running.retain(|_, (deadline, token)| {
            if *deadline <= now {
                token.cancel();
                false
            } else {
                true
            }
        });
        let next = running.values().map(|(deadline, _)| *deadline).min();
        let wait = next.map_or(Duration::from_secs(3600), |d| {
            d.saturating_duration_since(now)
        });
        running = shared
            .wake
            .wait_timeout(running, wait)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}

/// A counting semaphore bounding the queries evaluated at once.
pub(super) struct Slots {
    used: Mutex<usize>,
    capacity: usize,
    freed: Condvar,
}

/// A taken slot, given back when dropped.
pub(super) struct Slot(Arc<Slots>);

impl Drop for Slot {
    fn drop(&mut self) {
        *self.0.used.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
        self.0.freed.notify_one();
    }
}

impl Slots {
    /// Room for `capacity` queries at once.
    pub(super) fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Self {
            used: Mutex::new(0),
            capacity,
            freed: Condvar::new(),
        })
    }

    /// Takes a slot, waiting at most `wait`; `None` if all stay busy.
    pub(super) fn acquire(self: &Arc<Self>, wait: Duration) -> Option<Slot> {
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut used, _) = self
            .freed
            .wait_timeout_while(used, wait, |used| *used >= self.capacity)
            .unwrap_or_else(PoisonError::into_inner);
        if *used >= self.capacity {
            return None;
        }
        *used += 1;
        Some(Slot(Arc::clone(self)))
    }
}
