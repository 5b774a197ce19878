// Browser entry: bundled fonts and styles, languages, then the app into #app.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import './styles/print.css';
import { render } from 'preact';
import { App } from './app.tsx';
import './state/language.ts';

render(<App />, document.getElementById('app')!);
