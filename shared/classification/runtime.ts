/**
 * Everything the classify-mentions function needs from the classifier, behind one module so the
 * handler can load it on first use: the compiled rules, model and lexicons are then built on the
 * first mention, not during the cold start's module initialisation.
 */
export { classifyAndRoute } from './classify-and-route';
export { defaultRuleSet } from './keywords/defaults';
export { ClassifierCache } from './keywords/rule-set-cache';
export { bundledModel } from './model/load';
export { buildSchoolContext, SchoolProfileSchema } from './school';
