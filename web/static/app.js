/* lvzhi — small behaviours, no inline script needed. Plain ES2017, no build step.
   Load after htmx.min.js (both with defer, or both at the end of <body>); works without htmx. */
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');

  /* (c) htmx configuration: must run before DOMContentLoaded, when htmx initialises. */
  var htmx = window.htmx;
  if (htmx && htmx.config) {
    htmx.config.includeIndicatorStyles = false; // CSP forbids inline <style>; app.css has them
    var rh = htmx.config.responseHandling;
    // 422 = failed validation: swap the re-rendered form so every field and message is kept.
    if (Array.isArray(rh) && !rh.some(function (r) { return r.code === '422'; })) {
      rh.unshift({ code: '422', swap: true });
    }
  }

  /* (a) data-confirm on forms, submit buttons, links and htmx-triggering elements. */
  var confirmedForm = null;
  doc.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('[data-confirm]') : null;
    if (!el || el.tagName === 'FORM') return;
    if (!window.confirm(el.getAttribute('data-confirm'))) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (el.form && (el.type === 'submit' || el.type === 'image')) { // do not ask twice for this click
      confirmedForm = el.form;
      setTimeout(function () { confirmedForm = null; }, 0);
    }
  }, true);
  doc.addEventListener('submit', function (e) {
    var form = e.target;
    var ask = form.getAttribute('data-confirm');
    var already = confirmedForm === form;
    confirmedForm = null;
    if (ask && !already && !window.confirm(ask)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (!e.defaultPrevented && form.hasAttribute('data-autosave')) markPending(form);
  }, true);

  /* (b) select[data-autosubmit] submits its form on change. */
  doc.addEventListener('change', function (e) {
    var el = e.target;
    if (!el.matches || !el.matches('select[data-autosubmit]') || !el.form) return;
    if (typeof el.form.requestSubmit === 'function') el.form.requestSubmit(); // fires submit: htmx sees it
    else el.form.submit();
  });

  /* (c) show an error when an htmx request fails. */
  function showError(text) {
    var box = doc.getElementById('htmx-error');
    if (!box) {
      box = doc.createElement('div');
      box.id = 'htmx-error';
      box.className = 'alert alert-error';
      box.setAttribute('role', 'alert');
      var host = doc.querySelector('.content') || doc.querySelector('.main') || doc.querySelector('main') || doc.body;
      host.insertBefore(box, host.firstChild);
    }
    box.hidden = false;
    box.textContent = text;
  }
  doc.addEventListener('htmx:beforeRequest', function () {
    var box = doc.getElementById('htmx-error');
    if (box) box.hidden = true;
    try { sessionStorage.removeItem('lvzhi:pending'); } catch (err) { /* htmx handles this submit */ }
  });
  var MESSAGES = {
    403: '操作未完成:没有权限,或登录已过期。请刷新页面后重试。',
    404: '操作未完成:要处理的记录不存在或已被删除。请刷新页面。',
    send: '操作未完成:无法连接服务器。请检查网络后重试,已填写的内容不会丢失。',
    timeout: '操作未完成:服务器响应超时。请稍后重试。'
  };
  doc.addEventListener('htmx:responseError', function (e) {
    var status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
    showError(MESSAGES[status] || '操作未完成:服务器出错(' + status + ')。请稍后重试;如仍不行,请联系管理员。');
  });
  doc.addEventListener('htmx:sendError', function () { showError(MESSAGES.send); });
  doc.addEventListener('htmx:timeout', function () { showError(MESSAGES.timeout); });

  /* (d) form[data-autosave]: keep what was typed in localStorage until a successful submit. */
  var store = null;
  try { store = window.localStorage; store.setItem('lvzhi:t', '1'); store.removeItem('lvzhi:t'); } catch (err) { store = null; }
  var SKIP = /^(password|file|hidden|submit|button|reset|image|checkbox)$/;

  function keyOf(form) {
    return 'lvzhi:draft:' + (form.getAttribute('data-autosave') || (location.pathname + '#' + (form.id || form.getAttribute('action') || '')));
  }
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (f) {
      return f.name && !SKIP.test(f.type) && !f.hasAttribute('data-no-autosave');
    });
  }
  function save(form) {
    if (!store) return;
    var data = {};
    fieldsOf(form).forEach(function (f) {
      if (f.type === 'radio') { if (f.checked) data[f.name] = [f.value]; return; }
      (data[f.name] = data[f.name] || []).push(f.type === 'select-multiple' ? Array.from(f.selectedOptions, function (o) { return o.value; }) : f.value);
    });
    try { store.setItem(keyOf(form), JSON.stringify(data)); } catch (err) { /* storage full: ignore */ }
  }
  function restore(form) {
    if (!store || form.hasAttribute('data-autosave-ready')) return;
    form.setAttribute('data-autosave-ready', '');
    var data;
    try { data = JSON.parse(store.getItem(keyOf(form)) || 'null'); } catch (err) { data = null; }
    if (!data) return;
    var seen = {};
    fieldsOf(form).forEach(function (f) {
      var vals = data[f.name];
      if (!vals) return;
      if (f.type === 'radio') {
        var group = form.querySelectorAll('input[type="radio"]');
        var any = Array.prototype.some.call(group, function (r) { return r.name === f.name && r.checked; });
        if (!any && f.value === vals[0]) f.checked = true;
        return;
      }
      var i = seen[f.name] = (seen[f.name] || 0) + 1;
      var v = vals[i - 1];
      if (v == null) return;
      if (f.type === 'select-multiple') {
        if (f.selectedOptions.length === 0) Array.prototype.forEach.call(f.options, function (o) { o.selected = v.indexOf(o.value) >= 0; });
      } else if (f.value === '' && v !== '') {
        f.value = v;
      }
    });
  }
  function clearDraft(form) { if (store) store.removeItem(keyOf(form)); }
  function markPending(form) { try { sessionStorage.setItem('lvzhi:pending', keyOf(form)); } catch (err) { /* ignore */ } }
  function formFor(el) { return el && (el.tagName === 'FORM' ? el : el.closest && el.closest('form')); }

  var timer = null;
  ['input', 'change'].forEach(function (type) {
    doc.addEventListener(type, function (e) {
      var form = e.target.form;
      if (!form || !form.hasAttribute('data-autosave')) return;
      clearTimeout(timer);
      timer = setTimeout(function () { save(form); }, type === 'input' ? 400 : 0);
    });
  });
  // htmx submit: a 2xx answer means saved; clear before the swap so a fresh form is not refilled.
  function htmxDone(e) {
    var d = e.detail || {};
    var form = formFor(d.elt || (d.requestConfig && d.requestConfig.elt));
    if (form && form.hasAttribute('data-autosave') && d.xhr && d.xhr.status >= 200 && d.xhr.status < 300) clearDraft(form);
  }
  doc.addEventListener('htmx:beforeSwap', htmxDone);
  doc.addEventListener('htmx:afterRequest', htmxDone);

  function init(root) {
    // Normal post: the draft is cleared once the next page shows no error (validation keeps it).
    var pending = null;
    try { pending = sessionStorage.getItem('lvzhi:pending'); sessionStorage.removeItem('lvzhi:pending'); } catch (err) { /* ignore */ }
    if (pending && store && !doc.querySelector('.alert-error, .field .error, [aria-invalid="true"]')) store.removeItem(pending);
    Array.prototype.forEach.call(root.querySelectorAll('[data-autosave-clear]'), function (el) {
      if (store) store.removeItem('lvzhi:draft:' + el.getAttribute('data-autosave-clear'));
    });
    Array.prototype.forEach.call(root.querySelectorAll('form[data-autosave]'), restore);
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', function () { init(doc); });
  else init(doc);
  doc.addEventListener('htmx:load', function (e) {
    var el = e.detail && e.detail.elt;
    if (el && el.querySelectorAll) {
      if (el.matches && el.matches('form[data-autosave]')) restore(el);
      Array.prototype.forEach.call(el.querySelectorAll('form[data-autosave]'), restore);
    }
  });
})();
