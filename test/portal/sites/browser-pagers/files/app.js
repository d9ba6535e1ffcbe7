var page = Number(new URLSearchParams(location.search).get('page') || 1);
fetch(API + '?page=' + page).then(function (r) { return r.json(); }).then(function (res) {
  var html = '<ul>';
  res.rows.forEach(function (row) {
    html += '<li><a href="' + row.url + '" title="' + row.title + '">' + row.title + '</a><span>' + row.date + '</span></li>';
  });
  html += '</ul><div class="pager">共' + res.total + '条 ';
  for (var p = 1; p <= Math.ceil(res.total / res.pageSize); p++) {
    html += LINKS ? (p === page ? '<span>' + p + '</span> ' : '<a href="index.html?page=' + p + '">' + p + '</a> ') : '';
  }
  html += LINKS ? '' : '<button onclick="more()">加载更多</button>';
  document.getElementById('app').innerHTML = html + '</div>';
});
