// Sets the root font size Taro's H5 px→rem conversion expects (750 design → 20px on a 375px
// screen). Taro inlines this script by default; it lives in its own file so the page works under
// the API's Content-Security-Policy (script-src 'self', no inline scripts).
!(function (win) {
  function setRootFontSize() {
    var root = win.document.documentElement
    var rect = root.getBoundingClientRect()
    var sides = [rect.width, rect.height].filter(Boolean)
    var x = (40 * Math.min.apply(Math, sides)) / 750
    root.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : x + 'px'
  }
  win.addEventListener('resize', function () {
    setRootFontSize()
    setTimeout(setRootFontSize, 500)
  })
  setRootFontSize()
})(window)
