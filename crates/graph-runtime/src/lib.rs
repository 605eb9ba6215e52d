//! Runtime for generated Microsoft Graph clients: HTTP, auth, errors, paging, retries, batching.
