fetch('/spa/api/list.json').then((r) => r.json()).then((rows) => {
  const ul = document.createElement('ul');
  for (const row of rows) {
    const li = document.createElement('li');
    li.innerHTML = '<a href="' + row.url + '" title="' + row.title + '">' + row.title + '</a><span>' + row.date + '</span>';
    ul.appendChild(li);
  }
  const app = document.getElementById('app');
  app.textContent = '';
  app.appendChild(ul);
});
