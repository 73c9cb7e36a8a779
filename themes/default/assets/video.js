// Click-to-load video: a VK Video or Rutube link becomes a cover with a play button. Nothing is
// requested from the video host until the visitor presses it (no tracking, no traffic on a
// phone plan). The version for the visually impaired keeps the plain link.
(function () {
  if (document.documentElement.classList.contains("vision")) return;
  var figures = document.querySelectorAll("figure.video-embed[data-player]");
  Array.prototype.forEach.call(figures, function (figure) {
    var link = figure.querySelector("a.video-link");
    var player = figure.getAttribute("data-player");
    var host = figure.getAttribute("data-host") || "видеохостинга";
    if (!link || !/^https:\/\/(vkvideo\.ru|rutube\.ru)\//.test(player)) return;
    var title = link.textContent;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-cover";
    var play = document.createElement("span");
    play.className = "video-play";
    play.setAttribute("aria-hidden", "true");
    var label = document.createElement("span");
    label.className = "video-label";
    label.textContent = "Смотреть видео: " + title;
    button.appendChild(play);
    button.appendChild(label);
    var caption = figure.querySelector("figcaption");
    if (caption) {
      caption.textContent = "Плеер загрузится с сайта " + host + " после нажатия. ";
      var direct = document.createElement("a");
      direct.href = link.href;
      direct.textContent = "Открыть на " + host;
      caption.appendChild(direct);
    }
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = player + (player.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
      frame.title = title + " (" + host + ")";
      frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.className = "video-frame";
      figure.replaceChild(frame, button);
      frame.focus();
    });
    figure.replaceChild(button, link);
  });
})();
