/*
 * Tasklist's custom script (config.js: customScripts), loaded as an ES module before the app starts.
 * The parts live in app/pakkeforlop/ and are shared with the other apps where they apply.
 */
import { start as dates } from '../../pakkeforlop/dates.js';
import { start as formJsInNorwegian } from '../../pakkeforlop/formjs-nb.js';
import { start as common } from '../../pakkeforlop/common.js';

dates();
formJsInNorwegian();
common();
