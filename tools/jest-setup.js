// Tests read their own assertions, not the services' request logs: quiet unless LOG_LEVEL says otherwise.
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
