//! `newsgraph push`.

use crate::args::PushArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{push, Auth, NewsStore, PushOptions};
use std::time::Duration;

pub fn run(store: &NewsStore, args: PushArgs) -> Result<u8> {
    if !args.timeout.is_finite() || args.timeout <= 0.0 {
        return Err(BadInput(format!("--timeout {}: give a positive number of seconds", args.timeout)).into());
    }
    if args.batch == 0 || args.update_batch == 0 {
        return Err(BadInput("--batch and --update-batch must be at least 1".into()).into());
    }
    let auth = match (args.user, args.password, args.token) {
        (Some(user), Some(password), None) => Auth::Password { user, password },
        (None, None, Some(token)) => Auth::Bearer(token),
        (None, None, None) => Auth::None,
        _ => return Err(BadInput("give either --user and --password, or --token".into()).into()),
    };
    let mut options = PushOptions::new(args.endpoint);
    options.update_endpoint = args.update_endpoint;
    options.graph_store = args.graph_store;
    options.graphs = args.graph;
    options.auth = auth;
    options.batch = args.batch;
    options.update_batch = args.update_batch;
    options.timeout = Duration::from_secs_f64(args.timeout);
    options.retries = args.retries;
    options.verify = !args.no_verify;
    let report = push(store, &options, &mut |line| eprintln!("push: {line}"))?;
    let mismatched: Vec<String> = report
        .graphs
        .iter()
        .filter(|g| g.mismatch())
        .map(|g| format!("{} (here {}, remote {})", g.graph.as_deref().unwrap_or("default graph"), g.local, g.remote.unwrap_or(0)))
        .collect();
    eprintln!(
        "push: {} graph{}, {} triples sent",
        report.graphs.len(),
        if report.graphs.len() == 1 { "" } else { "s" },
        report.triples()
    );
    if mismatched.is_empty() {
        Ok(0)
    } else {
        eprintln!("push: the remote counts differ for {} graph(s): {}", mismatched.len(), mismatched.join(", "));
        Ok(1)
    }
}
