// Creates the widget from the query string: ?property-id=...&api-key=...&proxy-url=...
// (a module file, not an inline script, so the strict-CSP page can use it too).
const params = new URLSearchParams(location.search);
const count = Number(params.get('count') ?? 1);
const host = document.getElementById('host');
for (let i = 0; i < count; i++) {
  const el = document.createElement('staymod-booking');
  for (const [name, value] of params) if (name !== 'count' && name !== 'width') el.setAttribute(name, value);
  if (params.get('width')) el.style.maxWidth = `${params.get('width')}px`;
  host.append(el);
}
