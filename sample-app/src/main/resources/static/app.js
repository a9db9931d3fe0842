// The sample's page: plain JavaScript over the application's own JSON endpoints.
'use strict';

/** An answer that is not 2xx, carrying the problem detail the API sent. */
class Problem extends Error {
	constructor(status, body) {
		const problem = (body && typeof body === 'object') ? body : {};
		super(problem.detail || problem.title || ('HTTP ' + status));
		this.status = status;
		this.problem = problem;
	}
}

async function call(url, options) {
	const response = await fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, options));
	const type = response.headers.get('content-type') || '';
	const body = type.includes('json') ? await response.json() : null;
	if (!response.ok) {
		throw new Problem(response.status, body);
	}
	return body;
}

/** Show a failure in the panel's problem box: title, status, detail and CnosDB's error code. */
function showProblem(section, error) {
	const box = section.querySelector('.problem');
	if (!error) {
		box.hidden = true;
		box.textContent = '';
		return;
	}
	let text;
	if (error instanceof Problem) {
		const p = error.problem;
		text = (p.title || 'Request failed') + ' (' + (p.status || error.status) + ')';
		if (p.detail) {
			text += '\n' + p.detail;
		}
		if (p.cnosdbErrorCode) {
			text += '\nCnosDB error code ' + p.cnosdbErrorCode;
		}
	}
	else {
		text = 'The application cannot be reached: ' + error.message;
	}
	box.textContent = text;
	box.hidden = false;
}

function byId(id) {
	return document.getElementById(id);
}

function chart(element, series) {
	const colors = ['#1d6fd1', '#e07a1f', '#2a9d5c'];
	return new uPlot({
		width: Math.max(element.clientWidth, 300),
		height: 220,
		scales: { x: { time: true } },
		series: [{}].concat(series.map((label, i) => ({ label: label, stroke: colors[i % colors.length], width: 2 }))),
		axes: [{}, { label: '°C' }],
	}, [[]].concat(series.map(() => [])), element);
}

function setData(plot, element, data) {
	plot.setData(data);
	let points = 0;
	for (let i = 1; i < data.length; i++) {
		points += data[i].filter((v) => v !== null && v !== undefined).length;
	}
	element.dataset.points = String(points);
}

// Connection and health

async function refreshHealth() {
	const section = byId('connection');
	try {
		const response = await fetch('/actuator/health', { headers: { Accept: 'application/json' } });
		const health = await response.json();
		const cnosdb = (health.components || {}).cnosdb || {};
		const details = cnosdb.details || {};
		const status = byId('health-status');
		status.textContent = cnosdb.status || health.status;
		status.className = (cnosdb.status === 'UP') ? 'up' : 'down';
		byId('health-version').textContent = details.version || '–';
		byId('health-tenant').textContent = details.tenant || '–';
		byId('health-database').textContent = details.database || '–';
		if (details.error) {
			showProblem(section, new Problem(response.status, { title: 'CnosDB is ' + cnosdb.status, detail: details.error }));
		}
		else {
			showProblem(section, null);
		}
	}
	catch (error) {
		showProblem(section, error);
	}
}

// The simulated sensor and the batching writer

const sensorElement = byId('sensor-chart');
const sensorChart = chart(sensorElement, ['sensor sim-1']);

async function refreshSensor() {
	const section = byId('sensor');
	try {
		const series = await call('/api/sensor?minutes=5');
		setData(sensorChart, sensorElement, [series.times.map((t) => t / 1000), series.values]);
		const writer = await call('/api/writer');
		byId('writer-written').textContent = writer.written;
		byId('writer-retried').textContent = writer.retried;
		byId('writer-failed').textContent = writer.failed;
		byId('writer-buffered').textContent = writer.buffered;
		showProblem(section, null);
	}
	catch (error) {
		showProblem(section, error);
	}
}

// CSV import and the imported series

const airElement = byId('air-chart');
let airChart = null;

async function chartReadings() {
	const section = byId('csv');
	const stations = byId('readings-stations').value.split(',').map((s) => s.trim()).filter((s) => s);
	const since = byId('readings-since').value.trim();
	const until = byId('readings-until').value.trim();
	try {
		const tables = [];
		for (const station of stations) {
			const query = new URLSearchParams({ station: station });
			if (since) {
				query.set('since', since);
			}
			if (until) {
				query.set('until', until);
			}
			const readings = await call('/api/admin-demo/readings?' + query);
			tables.push([readings.map((r) => Date.parse(r.time) / 1000), readings.map((r) => r.temperature)]);
		}
		if (airChart) {
			airChart.destroy();
		}
		airChart = chart(airElement, stations);
		setData(airChart, airElement, tables.length ? uPlot.join(tables) : [[]]);
	}
	catch (error) {
		showProblem(section, error);
	}
}

byId('csv-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	const section = byId('csv');
	byId('csv-result').hidden = true;
	try {
		const result = await call('/writes/csv/air', { method: 'POST', body: new FormData(event.target) });
		byId('csv-rows').textContent = result.rowsWritten;
		byId('csv-requests').textContent = result.requests;
		byId('csv-precision').textContent = result.precision;
		byId('csv-result').hidden = false;
		showProblem(section, null);
		await chartReadings();
	}
	catch (error) {
		showProblem(section, error);
	}
});

byId('readings-form').addEventListener('submit', (event) => {
	event.preventDefault();
	showProblem(byId('csv'), null);
	chartReadings();
});

// Administration

async function refreshAdmin() {
	const section = byId('admin');
	try {
		const database = await call('/api/admin-demo/database');
		byId('admin-name').textContent = database.name;
		byId('admin-ttl').textContent = database.ttl;
		byId('admin-precision').textContent = database.precision;
		byId('admin-tables').textContent = database.tables.join(', ') || '(none)';
		const databases = await call('/api/databases');
		byId('admin-databases').textContent = databases.join(', ');
		showProblem(section, null);
	}
	catch (error) {
		showProblem(section, error);
	}
}

byId('admin-create').addEventListener('click', async () => {
	try {
		await call('/api/admin-demo', { method: 'POST' });
		await refreshAdmin();
	}
	catch (error) {
		showProblem(byId('admin'), error);
	}
});

// The application's own metrics, exported by the starter and read back with SQL

async function refreshMetrics() {
	const section = byId('metrics');
	try {
		const metrics = await call('/api/metrics-export');
		const tables = byId('metrics-tables');
		if (metrics.exists) {
			const heap = (metrics.heapUsedBytes != null)
				? (metrics.heapUsedBytes / 1048576).toFixed(1) + ' MB of heap in use at ' + new Date(metrics.heapTime).toLocaleTimeString()
				: 'no step exported yet';
			const requests = (metrics.httpRequests != null) ? ', ' + metrics.httpRequests + ' HTTP requests served' : '';
			byId('metrics-state').textContent = 'Exported to database ' + metrics.database + ': ' + heap + requests + '.';
			tables.textContent = metrics.tables.length + ' meters: ' + (metrics.tables.join(', ') || '(none yet)');
			tables.hidden = false;
		}
		else {
			byId('metrics-state').textContent = 'Metrics export not enabled: there is no database "' + metrics.database + '".';
			tables.hidden = true;
		}
		showProblem(section, null);
	}
	catch (error) {
		showProblem(section, error);
	}
}

refreshHealth();
refreshSensor();
refreshAdmin();
refreshMetrics();
chartReadings();
setInterval(refreshSensor, 2000);
setInterval(refreshHealth, 10000);
setInterval(refreshMetrics, 5000);
