(function () {
  "use strict";
  var article = document.getElementById("article");
  var side = document.getElementById("side");
  var tip = document.getElementById("tip");
  var back = document.getElementById("back");
  var status = document.getElementById("status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = null;
  var settled = 0;  // scrolling before this time is ours (the jump to the marks)

  function marksOf(id) {
    return article ? article.querySelectorAll('.m[data-cites~="' + id + '"]') : [];
  }
  function clear(cls) {
    document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
  }
  function sideBySide() {  // a wide screen: the article and the items scroll on their own
    return window.getComputedStyle(side).overflowY === "auto";
  }
  function activate(item, scroll) {
    if (current === item && !scroll) { return; }
    clear("on");
    current = item;
    item.classList.add("on");
    var marks = marksOf(item.id);
    marks.forEach(function (m) { m.classList.add("on"); });
    var label = item.getAttribute("data-label") || "";
    status.textContent = label + ": " + marks.length + " passage(s) highlighted";
    if (scroll && marks.length) {
      marks[0].scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
      settled = Date.now() + 1200;
      back.textContent = "\u2191 back to " + label;
      back.hidden = sideBySide();
      if (sideBySide()) { item.scrollIntoView({ block: "nearest" }); }
    }
  }
  items.forEach(function (item) {
    item.addEventListener("click", function () { activate(item, true); });
    item.addEventListener("focus", function () { activate(item, true); });
    item.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); activate(item, true); }
    });
  });
  back.addEventListener("click", function () {
    back.hidden = true;
    if (current) { current.scrollIntoView({ block: "center" }); current.focus({ preventScroll: true }); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clear("on"); current = null; back.hidden = true; }
  });
  window.addEventListener("scroll", function () {
    if (current && !back.hidden && Date.now() > settled) {
      var r = current.getBoundingClientRect();
      if (r.bottom > 0 && r.top < window.innerHeight) { back.hidden = true; }
    }
  }, { passive: true });

  if (!article) { return; }
  function citing(mark) {
    return (mark.getAttribute("data-cites") || "").split(" ").filter(Boolean);
  }
  article.addEventListener("mouseover", function (ev) {
    var mark = ev.target.closest ? ev.target.closest(".m") : null;
    if (!mark) { return; }
    clear("cited"); clear("hover");
    var ids = citing(mark);
    ids.forEach(function (id) {
      var item = document.getElementById(id);
      if (item) { item.classList.add("cited"); }
      marksOf(id).forEach(function (m) { m.classList.add("hover"); });
    });
    tip.textContent = "Cited by: " + (mark.getAttribute("data-tip") || "");
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - 330);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
  });
  article.addEventListener("mouseout", function (ev) {
    var mark = ev.target.closest ? ev.target.closest(".m") : null;
    if (mark && !(ev.relatedTarget && mark.contains(ev.relatedTarget))) {
      tip.hidden = true; clear("cited"); clear("hover");
    }
  });
  article.addEventListener("click", function (ev) {
    var mark = ev.target.closest ? ev.target.closest(".m") : null;
    if (!mark) { return; }
    var item = document.getElementById(citing(mark)[0]);
    if (!item) { return; }
    activate(item, false);
    if (sideBySide()) { item.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" }); }
  });
})();
