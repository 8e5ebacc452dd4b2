// Runs WeChat's own dark-mode colour code (../shared/oracles/mp-darkmode/src/modules/color.js and
// constant.js, unchanged) under Node, with the `color` package it depends on (Debian's node-color),
// to produce the expected values for DarkModeOracleTests.
//
// The snapshot in ../shared has no sdk.js, where the two conversion methods live; they are
// transcribed below verbatim from wechatjs/mp-darkmode v1.2.1 src/modules/sdk.js (MIT License,
// Copyright (c) wechatjs), with `this._…` fields turned into the constants `init()` computes.
//
// usage: NODE_PATH=/usr/share/nodejs node oracle.js ORACLE_SRC_DIR < {"backgrounds":[…],"pairs":[[text,bg],…]}
'use strict';
const fs = require('fs');
const path = require('path');
const src = process.argv[2];

// Load an ES module of the oracle as a function of its imports (no bundler here).
const loaded = {};
function load(file) {
  if (loaded[file]) return loaded[file];
  let code = fs.readFileSync(file, 'utf8');
  const names = [];
  code = code.replace(/^export const (\w+)/gm, (m, name) => { names.push(name); return `const ${name}`; });
  code = code.replace(/import\s*\{([^}]*)\}\s*from\s*'([^']+)';/g, (m, list, mod) => `const {${list.replace(/\/\/[^\n]*/g, '')}} = req('${mod}');`);
  code = code.replace(/import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+'([^']+)';/g, (m, name, mod) => `const ${name} = req('${mod}');`);
  code += `\nObject.assign(exports, {${names.join(', ')}});`;
  const exports = {};
  const req = (mod) => {
    if (mod === 'color-blend') return {};  // only used by non-default blend modes
    if (mod.startsWith('.')) return load(path.join(path.dirname(file), mod + '.js'));
    return require(mod);
  };
  const window = { innerHeight: 800 };
  const document = { documentElement: { clientHeight: 800 } };
  new Function('exports', 'req', 'window', 'document', code)(exports, req, window, document);
  loaded[file] = exports;
  return exports;
}

const C = load(path.join(src, 'modules/constant.js'));
const { ColorParser, getColorPerceivedBrightness, adjustBrightnessTo } = load(path.join(src, 'modules/color.js'));
const Color = require('color');

// SDK.init()
const _defaultDarkTextColorRgb = ColorParser(C.DEFAULT_DARK_TEXTCOLOR).rgb().array();
const _defaultDarkBgColorRgb = ColorParser(C.DEFAULT_DARK_BGCOLOR).rgb().array();
const _defaultDarkBgColorHSL = ColorParser(C.DEFAULT_DARK_BGCOLOR).hsl().array();
const _defaultDarkTextColorBrightness = getColorPerceivedBrightness(_defaultDarkTextColorRgb);
const _defaultDarkBgColorBrightness = getColorPerceivedBrightness(_defaultDarkBgColorRgb);
const _defaultDarkBgColorHslBrightness = _defaultDarkBgColorHSL[2];
const _maxLimitOffsetBrightness = _defaultDarkTextColorBrightness - _defaultDarkBgColorBrightness;
const { WHITE_LIKE_COLOR_BRIGHTNESS, MIN_LIMIT_OFFSET_BRIGHTNESS, MAX_LIMIT_BGCOLOR_BRIGHTNESS, HIGH_BGCOLOR_BRIGHTNESS,
  HIGH_BLACKWHITE_HSL_BRIGHTNESS, LOW_BLACKWHITE_HSL_BRIGHTNESS } = C;

// SDK._adjustTextBrightness (verbatim but for `this.`)
function _adjustTextBrightness(textColor, bgColor) {
  const bgColorRgb = bgColor.rgb().array();
  const bgColorAlpha = bgColor.alpha();
  const bgColorPerceivedBrightness = getColorPerceivedBrightness(bgColorRgb);
  const bgColorWithOpacityPerceivedBrightness = bgColorPerceivedBrightness * bgColorAlpha
    + _defaultDarkBgColorBrightness * (1 - bgColorAlpha);
  const textColorRgb = textColor.rgb().array();
  const textColorHSL = textColor.hsl().array();
  const textColorAlpha = textColor.alpha();
  const textPerceivedBrightness = getColorPerceivedBrightness(textColorRgb);
  const offsetPerceivedBrightness = Math.abs(bgColorWithOpacityPerceivedBrightness - textPerceivedBrightness);
  if (textPerceivedBrightness >= WHITE_LIKE_COLOR_BRIGHTNESS) return textColor;
  if (offsetPerceivedBrightness > _maxLimitOffsetBrightness
    && bgColorWithOpacityPerceivedBrightness <= _defaultDarkBgColorBrightness + 2) {
    return adjustBrightnessTo(_maxLimitOffsetBrightness + bgColorWithOpacityPerceivedBrightness
      , textColorRgb).alpha(textColorAlpha);
  }
  if (offsetPerceivedBrightness >= MIN_LIMIT_OFFSET_BRIGHTNESS) return textColor;
  if (bgColorWithOpacityPerceivedBrightness >= HIGH_BGCOLOR_BRIGHTNESS) {
    if (textColorHSL[2] > 90 - HIGH_BLACKWHITE_HSL_BRIGHTNESS) {
      textColorHSL[2] = 90 - textColorHSL[2];
      const tmpTextColor = Color.hsl(...textColorHSL).alpha(textColorAlpha);
      return _adjustTextBrightness(tmpTextColor, bgColor);
    }
    return adjustBrightnessTo(Math.min(
      _maxLimitOffsetBrightness
      , bgColorWithOpacityPerceivedBrightness - MIN_LIMIT_OFFSET_BRIGHTNESS
    ), textColorRgb).alpha(textColorAlpha);
  } else {
    if (textColorHSL[2] <= HIGH_BLACKWHITE_HSL_BRIGHTNESS) {
      textColorHSL[2] = 90 - textColorHSL[2];
      const tmpTextColor = Color.hsl(...textColorHSL).alpha(textColorAlpha);
      return _adjustTextBrightness(tmpTextColor, bgColor);
    }
    return adjustBrightnessTo(Math.min(
      _maxLimitOffsetBrightness
      , bgColorWithOpacityPerceivedBrightness + MIN_LIMIT_OFFSET_BRIGHTNESS
    ), textColorRgb).alpha(textColorAlpha);
  }
}

// SDK._adjustBackgroundBrightness (verbatim but for `this.`)
function _adjustBackgroundBrightness(bgColor) {
  const bgColorRgb = bgColor.rgb().array();
  const bgColorHsl = bgColor.hsl().array();
  const bgColorAlpha = bgColor.alpha();
  const bgColorPerceivedBrightness = getColorPerceivedBrightness(bgColorRgb);
  let newColor = bgColor;
  if ((bgColorHsl[1] === 0 && bgColorHsl[2] > HIGH_BLACKWHITE_HSL_BRIGHTNESS)
    || bgColorPerceivedBrightness > WHITE_LIKE_COLOR_BRIGHTNESS) {
    newColor = Color.hsl(0, 0, Math.min(100, 100 + _defaultDarkBgColorHslBrightness - bgColorHsl[2]));
  } else if (bgColorPerceivedBrightness > MAX_LIMIT_BGCOLOR_BRIGHTNESS) {
    newColor = adjustBrightnessTo(MAX_LIMIT_BGCOLOR_BRIGHTNESS, bgColorRgb).alpha(bgColorAlpha);
  } else if (bgColorHsl[2] < LOW_BLACKWHITE_HSL_BRIGHTNESS) {
    bgColorHsl[2] = LOW_BLACKWHITE_HSL_BRIGHTNESS;
    newColor = Color.hsl(...bgColorHsl);
  }
  return newColor.alpha(bgColorAlpha).rgb();
}

const out = (c) => c.rgb().array().slice(0, 3).concat([c.alpha()]);
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const result = {
  backgrounds: input.backgrounds.map((bg) => out(_adjustBackgroundBrightness(ColorParser(bg)))),
  texts: input.pairs.map(([text, bg]) => {
    const darkBg = bg === null ? ColorParser(C.DEFAULT_DARK_BGCOLOR) : _adjustBackgroundBrightness(ColorParser(bg));
    return out(_adjustTextBrightness(ColorParser(text), darkBg));
  }),
};
process.stdout.write(JSON.stringify(result));
