//! `newsgraph serve`.

use crate::args::ServeArgs;
use crate::cmd::BadInput;
use anyhow::Result;
use newsgraph::{Minter, NewsStore, ServeOptions, Server};
use std::io::Write;
use std::time::Duration;

pub fn run(store: &NewsStore, args: ServeArgs) -> Result<u8> {
    if args.allow_update && args.token.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(BadInput("--allow-update needs a token: --token TOKEN or NEWSGRAPH_TOKEN".into()).into());
    }
    if !args.timeout.is_finite() || args.timeout < 0.0 {
        return Err(BadInput(format!("--timeout {}: give a number of seconds (0: no limit)", args.timeout)).into());
    }
    if args.max_results == 0 || args.max_concurrent == 0 {
        return Err(BadInput("--max-results and --max-concurrent must be at least 1".into()).into());
    }
    // A bare port means loopback.
    let bind = if args.bind.parse::<u16>().is_ok() { format!("127.0.0.1:{}", args.bind) } else { args.bind.clone() };
    let options = ServeOptions {
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
        max_results: args.max_results,
        max_body: args.max_body,
        allow_update: args.allow_update,
        token: args.token.filter(|_| args.allow_update),
        allow_service: args.allow_service,
        cors: args.cors,
        union_default_graph: args.union_default_graph,
        max_concurrent: args.max_concurrent,
        minter: Minter::new(&args.base)?,
        log: !args.quiet,
    };
    let server = Server::bind(&bind, store.clone(), options)?;
    let address = server.local_addr();
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: listening on {} — reachable from other machines{}",
            address.ip(),
            if args.allow_update { "; updates are protected only by the token, sent in clear over HTTP" } else { "" }
        );
    }
    let mode = if args.allow_update { "updates allowed with the token" } else { "read-only" };
    let mut stdout = crate::output::stdout();
    writeln!(stdout, "newsgraph serve: listening on http://{address}/ ({mode}); SPARQL endpoint http://{address}/sparql; Ctrl-C stops")?;
    stdout.flush()?;
    drop(stdout);
    server.run()?;
    store.flush()?;
    eprintln!("newsgraph serve: stopped");
    Ok(0)
}
