//! Progress reporting without a terminal dependency in the library: long operations take a
//! [`Progress`] and tell it how far they got; the command-line tool turns that into a bar.

use std::sync::Arc;

/// A callback told how much work is done so far (quads, bytes or articles: the operation's
/// documentation says which). The default reports nowhere. Cheap to clone.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(u64) + Send + Sync>>);

impl Progress {
    /// Reports to `callback`.
    pub fn new(callback: impl Fn(u64) + Send + Sync + 'static) -> Self {
        Self(Some(Arc::new(callback)))
    }

    /// Tells the callback that `done` units are done.
    pub fn report(&self, done: u64) {
        if let Some(callback) = &self.0 {
            callback(done);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Progress(callback)" } else { "Progress(none)" })
    }
}
